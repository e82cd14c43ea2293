package edu.campus.main;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.TestInitData;
import edu.campus.main.support.MainTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class TelegramTest extends MainTestBase {

    private static long telegramId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000_000L); // within int: JSON paths read it back as an Integer
    }

    private static String initData(long telegramId) {
        return TestInitData.of(BOT_TOKEN, telegramId, Instant.now().getEpochSecond());
    }

    private static ValidatableResponse telegramSignIn(String initData) {
        return given().contentType(ContentType.JSON).body(Map.of("init_data", initData)).post("/api/main/auth/telegram").then();
    }

    private static ValidatableResponse link(Map<String, String> session, String initData) {
        return as(session).contentType(ContentType.JSON).body(Map.of("init_data", initData)).post("/api/main/me/telegram").then();
    }

    @Test
    void anUnlinkedStudentIsToldWhereToSignInThenLinksOnceAndSignsInWithTelegramAlone() {
        long telegram = telegramId();
        long firstAt = Instant.now().getEpochSecond();
        String first = TestInitData.of(BOT_TOKEN, telegram, firstAt);
        telegramSignIn(first).statusCode(404).body("error_code", equalTo("telegram_not_linked"))
                .body("details.sign_in", equalTo("/api/main/auth/cas/login"));
        Map<String, String> session = signIn();
        // the same initData links after the CAS sign-in (a refused sign-in did not use it up)
        link(session, first).statusCode(200).body("telegram_id", equalTo((int) telegram)).body("username", equalTo("tg" + telegram));
        as(session).get("/api/main/me").then().statusCode(200).body("telegram.telegram_id", equalTo((int) telegram));
        // a later launch of the Mini App (another initData: another auth_date, whatever second the test reached) signs in
        // with Telegram alone
        telegramSignIn(TestInitData.of(BOT_TOKEN, telegram, firstAt - 1)).statusCode(200)
                .body("student_id", equalTo(Integer.parseInt(session.get("student_id"))));
    }

    @Test
    void aSignInWithTelegramGivesASessionAndInitDataIsAcceptedOnce() {
        long telegram = telegramId();
        Map<String, String> session = signIn();
        link(session, TestInitData.of(BOT_TOKEN, telegram, Instant.now().getEpochSecond() - 10)).statusCode(200);
        String fresh = TestInitData.of(BOT_TOKEN, telegram, Instant.now().getEpochSecond() - 5);
        String access = telegramSignIn(fresh).statusCode(200).body("student_id", equalTo(Integer.parseInt(session.get("student_id"))))
                .extract().path("access_token");
        given().header("Authorization", "Bearer " + access).get("/api/main/me").then().statusCode(200);
        telegramSignIn(fresh).statusCode(401).body("error_code", equalTo("init_data_replayed"));
    }

    @Test
    void theBotFindsAStudentsTelegramAndUnlinksWithItsServiceToken() {
        long telegram = telegramId();
        Map<String, String> session = signIn();
        String student = session.get("student_id");
        String notify = "Bearer " + edu.campus.main.support.Upstreams.SSO.ssoService("bot", "telegram:link", "telegram:notify");
        given().header("Authorization", notify).get("/api/main/internal/telegram/students/" + student).then().statusCode(404)
                .body("error_code", equalTo("telegram_not_linked"));
        link(session, initData(telegram)).statusCode(200);
        given().header("Authorization", notify).get("/api/main/internal/telegram/students/" + student).then().statusCode(200)
                .body("telegram_id", equalTo((int) telegram)).body("username", equalTo("tg" + telegram));
        // another client's token, a student's own token, none: refused
        given().header("Authorization", "Bearer " + edu.campus.main.support.Upstreams.SSO.ssoService("traffic", "provision:traffic"))
                .get("/api/main/internal/telegram/students/" + student).then().statusCode(403);
        as(session).get("/api/main/internal/telegram/students/" + student).then().statusCode(401);
        given().get("/api/main/internal/telegram/students/" + student).then().statusCode(401);

        given().header("Authorization", notify).contentType(ContentType.JSON).body(Map.of("telegram_id", telegram))
                .post("/api/main/internal/telegram/unlink").then().statusCode(200).body("unlinked", equalTo(true));
        as(session).get("/api/main/me").then().statusCode(200).body("telegram", nullValue());
        given().header("Authorization", notify).contentType(ContentType.JSON).body(Map.of("telegram_id", telegram))
                .post("/api/main/internal/telegram/unlink").then().statusCode(200).body("unlinked", equalTo(false));
        given().header("Authorization", notify).contentType(ContentType.JSON).body(Map.of("telegram_id", 0))
                .post("/api/main/internal/telegram/unlink").then().statusCode(400);
    }

    @Test
    void aStudentLinksFromTelegramWithAOneTimeCodeTheBotCompletes() {
        long telegram = telegramId();
        Map<String, String> session = signIn();
        String bot = "Bearer " + edu.campus.main.support.Upstreams.SSO.ssoService("bot", "telegram:link", "telegram:notify");
        String code = as(session).post("/api/main/me/telegram/link-code").then().statusCode(200)
                .body("deep_link", org.hamcrest.Matchers.startsWith("https://t.me/campus_bot?start=m_"))
                .body("expires_in", equalTo(600)).extract().path("code");
        java.util.function.Function<Map<String, Object>, ValidatableResponse> complete = body -> given().header("Authorization", bot)
                .contentType(ContentType.JSON).body(body).post("/api/main/internal/telegram/link").then();
        complete.apply(Map.of("code", code, "telegram_id", telegram, "telegram_username", "tg" + telegram)).statusCode(200)
                .body("telegram_id", equalTo((int) telegram));
        as(session).get("/api/main/me").then().statusCode(200).body("telegram.telegram_id", equalTo((int) telegram));
        assertEquals(1L, linkedEvents(session, telegram));
        // single use; only the hash is stored
        complete.apply(Map.of("code", code, "telegram_id", telegram)).statusCode(404).body("error_code", equalTo("link_code_invalid"));
        assertEquals(0L, db.preparedQuery("select count(*) from student_link_codes where encode(code_hash, 'escape') like $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of("%" + code + "%")).await().indefinitely().iterator().next().getLong(0));
        // another student's code with a Telegram account already taken: 409, nothing linked
        Map<String, String> other = signIn();
        String second = as(other).post("/api/main/me/telegram/link-code").then().statusCode(200).extract().path("code");
        complete.apply(Map.of("code", second, "telegram_id", telegram)).statusCode(409).body("error_code", equalTo("telegram_linked_elsewhere"));
        as(other).get("/api/main/me").then().statusCode(200).body("telegram", nullValue());
        // an expired code
        String third = as(other).post("/api/main/me/telegram/link-code").then().statusCode(200).extract().path("code");
        db.query("update student_link_codes set expires_at = now() - interval '1 second' where used_at is null").execute().await().indefinitely();
        complete.apply(Map.of("code", third, "telegram_id", telegram + 1)).statusCode(404);
        // the bot only: a student's token or no scope
        as(session).contentType(ContentType.JSON).body(Map.of("code", "m_x", "telegram_id", 1)).post("/api/main/internal/telegram/link").then()
                .statusCode(401);
        given().header("Authorization", "Bearer " + edu.campus.main.support.Upstreams.SSO.ssoService("bot", "telegram:notify"))
                .contentType(ContentType.JSON).body(Map.of("code", "m_x", "telegram_id", 1)).post("/api/main/internal/telegram/link").then()
                .statusCode(403);
    }

    @Test
    void tamperedAndStaleInitDataAreRefused() {
        long telegram = telegramId();
        String valid = initData(telegram);
        telegramSignIn(valid.replace("tg" + telegram, "tg" + (telegram + 1))).statusCode(401)
                .body("error_code", equalTo("invalid_init_data")).body("details.reason", equalTo("bad_hash"));
        telegramSignIn(TestInitData.of(BOT_TOKEN, telegram, Instant.now().getEpochSecond() - 3600)).statusCode(401)
                .body("details.reason", equalTo("stale"));
        telegramSignIn(TestInitData.of("7000000002:another-bot", telegram, Instant.now().getEpochSecond())).statusCode(401);
        telegramSignIn("garbage").statusCode(401).body("details.reason", equalTo("malformed"));
    }

    private long linkedEvents(Map<String, String> session, long telegram) {
        return db.preparedQuery("select count(*) from outbox where routing_key = 'main.student.telegram_linked'"
                + " and (payload->'data'->>'student_id')::bigint = $1 and (payload->'data'->>'telegram_id')::bigint = $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(Long.parseLong(session.get("student_id")), telegram)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    @Test
    void oneTelegramAccountBelongsToOneStudentAndUnlinkIsIdempotent() {
        long telegram = telegramId();
        Map<String, String> anna = signIn();
        Map<String, String> boris = signIn();
        link(anna, TestInitData.of(BOT_TOKEN, telegram, Instant.now().getEpochSecond() - 20)).statusCode(200);
        link(boris, TestInitData.of(BOT_TOKEN, telegram, Instant.now().getEpochSecond() - 15)).statusCode(409)
                .body("error_code", equalTo("telegram_linked_elsewhere"));
        // the link's event went with it; the refused one wrote none
        assertEquals(1L, linkedEvents(anna, telegram));
        assertEquals(0L, linkedEvents(boris, telegram));
        for (int i = 0; i < 2; i++) {
            as(anna).delete("/api/main/me/telegram").then().statusCode(204);
        }
        as(anna).get("/api/main/me").then().statusCode(200).body("telegram", nullValue());
        // now boris may take it
        link(boris, TestInitData.of(BOT_TOKEN, telegram, Instant.now().getEpochSecond() - 12)).statusCode(200);
        telegramSignIn(TestInitData.of(BOT_TOKEN, telegram, Instant.now().getEpochSecond() - 11)).statusCode(200)
                .body("student_id", equalTo(Integer.parseInt(boris.get("student_id"))));
    }
}
