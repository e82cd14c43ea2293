package edu.campus.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import edu.campus.bot.support.BotTestBase;
import edu.campus.bot.support.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class WebhookTest extends BotTestBase {

    private static final String LINK = "/api/telegram/link";

    private static long updateId() {
        return ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
    }

    private static void ssoLink(int status, String body) {
        Upstreams.server().stubFor(post(urlEqualTo(LINK)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void withoutTheSecretHeaderNothingIsReadOrRecorded() {
        long update = updateId();
        given().contentType(ContentType.JSON).body(message(update, 5, "/help")).post("/api/bot/webhook").then().statusCode(401)
                .body("error_code", org.hamcrest.Matchers.equalTo("invalid_webhook_secret"));
        given().header("X-Telegram-Bot-Api-Secret-Token", SECRET + "x").contentType(ContentType.JSON).body(message(update, 5, "/help"))
                .post("/api/bot/webhook").then().statusCode(401);
        // authentication before the body: a broken body with a wrong secret is still a 401, not a 400
        given().header("X-Telegram-Bot-Api-Secret-Token", "wrong").contentType(ContentType.JSON).body("{not json")
                .post("/api/bot/webhook").then().statusCode(401);
        assertEquals(0, count("select count(*) from updates"));
        // with the secret, a body that is not an update is a 400
        webhook(Map.of("message", Map.of())).statusCode(400);
        given().header("X-Telegram-Bot-Api-Secret-Token", SECRET).contentType(ContentType.JSON).body("{not json")
                .post("/api/bot/webhook").then().statusCode(400).body("error_code", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void startWithACodeCompletesTheLinkInSsoAndARepeatedUpdateIsIgnored() {
        long telegram = 700_000_001L;
        ssoLink(200, "{\"user_id\":12,\"telegram_id\":" + telegram + ",\"telegram_username\":\"tg" + telegram + "\"}");
        long update = updateId();
        webhook(message(update, telegram, "/start AbCdEf0123456789_-xyz")).statusCode(200)
                .body("method", org.hamcrest.Matchers.equalTo("sendMessage"))
                .body("chat_id", org.hamcrest.Matchers.equalTo((int) telegram))
                .body("text", containsString("Telegram привязан"));
        Upstreams.server().verify(1, postRequestedFor(urlEqualTo(LINK))
                .withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(equalToJson("{\"code\":\"AbCdEf0123456789_-xyz\",\"telegram_id\":" + telegram
                        + ",\"telegram_username\":\"tg" + telegram + "\",\"chat_id\":" + telegram + "}")));
        // Telegram delivers the same update again (it did not see our answer): acknowledged, nothing done twice
        webhook(message(update, telegram, "/start AbCdEf0123456789_-xyz")).statusCode(200).body("$", anEmptyMap());
        Upstreams.server().verify(1, postRequestedFor(urlEqualTo(LINK)));
        assertEquals(1, count("select count(*) from updates where update_id = $1", update));
        assertEquals(1, count("select count(*) from chats where chat_id = $1 and status = 'active'", telegram));
    }

    @Test
    void aStudentsCodeIsCompletedInMainAndAnUnknownOneIsTriedInSso() {
        Upstreams.server().stubFor(post(urlEqualTo("/api/main/internal/telegram/link")).withRequestBody(matching(".*m_student0001.*"))
                .willReturn(okJson("{\"telegram_id\":41,\"username\":\"tg41\",\"linked_at\":\"2026-12-01T10:00:00Z\"}")));
        webhook(message(updateId(), 41, "/start m_student0001")).statusCode(200).body("text", containsString("Telegram привязан"));
        Upstreams.server().verify(postRequestedFor(urlEqualTo("/api/main/internal/telegram/link")).withHeader("Authorization", matching("Bearer .+"))
                .withRequestBody(equalToJson("{\"code\":\"m_student0001\",\"telegram_id\":41,\"telegram_username\":\"tg41\"}")));
        Upstreams.server().verify(0, postRequestedFor(urlEqualTo(LINK)));
        // main does not know it: an SSO code that happens to start with m_
        ssoLink(200, "{\"user_id\":8,\"telegram_id\":42,\"telegram_username\":\"tg42\"}");
        webhook(message(updateId(), 42, "/start m_ssocode00002")).statusCode(200).body("text", containsString("Telegram привязан"));
        Upstreams.server().verify(1, postRequestedFor(urlEqualTo(LINK)).withRequestBody(matching(".*m_ssocode00002.*")));
        Upstreams.server().stubFor(post(urlEqualTo("/api/main/internal/telegram/link")).withRequestBody(matching(".*m_taken.*"))
                .willReturn(aResponse().withStatus(409).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_code\":\"telegram_linked_elsewhere\",\"message\":\"x\",\"details\":{}}")));
        webhook(message(updateId(), 43, "/start m_taken000003")).statusCode(200).body("text", containsString("другому аккаунту"));
    }

    @Test
    void aCodeSsoRefusesOrCannotCheckGetsAClearAnswer() {
        ssoLink(404, "{\"error_code\":\"link_code_invalid\",\"message\":\"the link code is unknown, used or expired\",\"details\":{}}");
        webhook(message(updateId(), 9, "/start usedcode12345")).statusCode(200).body("text", containsString("недействительна"));
        // a code after a line break (a pasted deep link) is still the argument
        webhook(message(updateId(), 9, "/start\nnewlinecode123")).statusCode(200).body("text", containsString("недействительна"));
        Upstreams.server().verify(postRequestedFor(urlEqualTo(LINK)).withRequestBody(matching(".*\"code\":\"newlinecode123\".*")));
        ssoLink(409, "{\"error_code\":\"conflict\",\"message\":\"this Telegram account is linked to another user\",\"details\":{}}");
        webhook(message(updateId(), 9, "/start anothercode123")).statusCode(200).body("text", containsString("другому аккаунту"));
        ssoLink(503, "{\"error_code\":\"database_unavailable\",\"message\":\"x\",\"details\":{}}");
        webhook(message(updateId(), 9, "/start thirdcode12345")).statusCode(200).body("text", containsString("временно недоступен"));
        Upstreams.server().verify(postRequestedFor(urlEqualTo(LINK)).withRequestBody(matching(".*thirdcode12345.*")));
        // a code that cannot be one is refused without asking SSO
        int before = Upstreams.server().findAll(postRequestedFor(urlEqualTo(LINK))).size();
        webhook(message(updateId(), 9, "/start bad")).statusCode(200).body("text", containsString("недействительна"));
        webhook(message(updateId(), 9, "/start <script>alert(1)</script>")).statusCode(200).body("text", containsString("недействительна"));
        assertEquals(before, Upstreams.server().findAll(postRequestedFor(urlEqualTo(LINK))).size());
    }

    @Test
    void helpGreetingAndUnknownTextInPrivateChatsOnly() {
        webhook(message(updateId(), 11, "/help")).statusCode(200).body("text", containsString("/unlink"));
        webhook(message(updateId(), 11, "/help@campus_bot")).statusCode(200).body("text", containsString("/unlink"));
        webhook(message(updateId(), 11, "/start")).statusCode(200).body("text", containsString("Здравствуйте"));
        webhook(message(updateId(), 11, "привет")).statusCode(200).body("text", containsString("/help"));
        // a group chat, a bot, an update without a message (an edited message, a callback): acknowledged, no reply
        webhook(Map.of("update_id", updateId(), "message", Map.of("message_id", 1, "chat", Map.of("id", -100, "type", "group"),
                "from", Map.of("id", 11, "is_bot", false), "text", "/help"))).statusCode(200).body("$", anEmptyMap());
        webhook(Map.of("update_id", updateId(), "message", Map.of("message_id", 1, "chat", Map.of("id", 12, "type", "private"),
                "from", Map.of("id", 12, "is_bot", true), "text", "/help"))).statusCode(200).body("$", anEmptyMap());
        webhook(Map.of("update_id", updateId(), "edited_message", Map.of("message_id", 1))).statusCode(200).body("$", anEmptyMap());
    }

    @Test
    void unlinkRemovesTheLinksInSsoAndMain() {
        Upstreams.server().stubFor(post(urlEqualTo("/api/telegram/unlink")).willReturn(okJson("{\"unlinked\":false}")));
        Upstreams.server().stubFor(post(urlEqualTo("/api/main/internal/telegram/unlink")).willReturn(okJson("{\"unlinked\":true}")));
        webhook(message(updateId(), 31, "/unlink")).statusCode(200).body("text", containsString("Telegram отвязан"));
        Upstreams.server().verify(postRequestedFor(urlEqualTo("/api/telegram/unlink")).withRequestBody(equalToJson("{\"telegram_id\":31}")));
        Upstreams.server().verify(postRequestedFor(urlEqualTo("/api/main/internal/telegram/unlink"))
                .withHeader("Authorization", matching("Bearer .+")).withRequestBody(equalToJson("{\"telegram_id\":31}")));

        Upstreams.server().stubFor(post(urlEqualTo("/api/main/internal/telegram/unlink")).willReturn(okJson("{\"unlinked\":false}")));
        webhook(message(updateId(), 31, "/unlink")).statusCode(200).body("text", containsString("не был привязан"));

        Upstreams.server().stubFor(post(urlEqualTo("/api/main/internal/telegram/unlink")).willReturn(aResponse().withStatus(503)));
        webhook(message(updateId(), 31, "/unlink")).statusCode(200).body("text", containsString("временно недоступен"));
    }
}
