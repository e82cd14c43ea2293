package edu.campus.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static edu.campus.bot.support.BotTestBase.SECRET;
import static edu.campus.bot.support.BotTestBase.await;
import static edu.campus.bot.support.BotTestBase.message;
import static edu.campus.bot.support.BotTestBase.webhook;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edu.campus.bot.support.Upstreams;
import edu.campus.common.testing.TestDatabase;
import edu.campus.events.testing.TestBroker;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

/** The webhook and the notifier against the packaged (or native) artifact: HTTP, RabbitMQ and WireMock only. */
@QuarkusIntegrationTest
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "bot_test"))
@WithTestResource(Upstreams.class)
@WithTestResource(TestBroker.class)
class BotIT {

    @BeforeEach
    void resetUpstreams() {
        Upstreams.reset();
    }

    @Test
    void webhookLinksOnceAndRefusesForgedUpdates() {
        long update = ThreadLocalRandom.current().nextLong(1, 1_000_000_000L);
        long telegram = 800_000_000L + update % 1000;
        Upstreams.server().stubFor(post(urlEqualTo("/api/telegram/link")).willReturn(okJson("{\"user_id\":3,\"telegram_id\":" + telegram
                + ",\"telegram_username\":\"tg\"}")));
        given().header("X-Telegram-Bot-Api-Secret-Token", SECRET + "-forged").contentType(ContentType.JSON)
                .body(message(update, telegram, "/start Code1234567890")).post("/api/bot/webhook").then().statusCode(401);
        webhook(message(update, telegram, "/start Code1234567890")).statusCode(200).body("method", org.hamcrest.Matchers.equalTo("sendMessage"))
                .body("text", containsString("привязан"));
        webhook(message(update, telegram, "/start Code1234567890")).statusCode(200).body("$", anEmptyMap());
        Upstreams.server().verify(1, postRequestedFor(urlEqualTo("/api/telegram/link")));
    }

    @Test
    void anEventBecomesOneTelegramMessageAndPoisonIsParked() throws Exception {
        TestBroker.drain("bot.notifier.dlq");
        long student = ThreadLocalRandom.current().nextLong(1, 1_000_000);
        long chat = 900_000_000L + student;
        Upstreams.server().stubFor(get(urlEqualTo("/api/main/internal/telegram/students/" + student))
                .willReturn(okJson("{\"telegram_id\":" + chat + ",\"username\":\"tg\",\"linked_at\":\"2026-11-30T10:00:00Z\"}")));
        UUID id = UUID.randomUUID();
        String body = new JsonObject().put("id", id.toString()).put("type", "services.application.replied").put("version", 1)
                .put("occurred_at", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("data", new JsonObject().put("application_id", 44).put("reply_id", 1).put("department_id", 2)
                        .put("student_id", student).put("by", "executor").put("files", 0)).encode();
        TestBroker.publish("services.application.replied", id.toString(), body);
        TestBroker.publish("services.application.replied", id.toString(), body);
        TestBroker.publish("services.application.replied", UUID.randomUUID().toString(), "{\"id\":\"not-a-uuid\"}");
        var sent = postRequestedFor(urlEqualTo(Upstreams.SEND)).withRequestBody(matchingJsonPath("$.chat_id",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(chat))));
        await("the message", () -> Upstreams.server().findAll(sent).size() >= 1);
        List<String> parked = new ArrayList<>();
        await("the poison parked", () -> {
            try {
                parked.addAll(TestBroker.drain("bot.notifier.dlq"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return !parked.isEmpty();
        });
        assertTrue(parked.contains("{\"id\":\"not-a-uuid\"}"));
        assertEquals(1, Upstreams.server().findAll(sent).size());
        assertTrue(Upstreams.server().findAll(sent).get(0).getBodyAsString().contains("По заявке №44"));
    }
}
