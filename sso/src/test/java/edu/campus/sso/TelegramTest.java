package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class TelegramTest extends SsoTestBase {

    static final String BOT_TOKEN = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    String bot() {
        return given().contentType(ContentType.JSON).body(Map.of("client_id", "bot", "client_secret", "bot-test-secret"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
    }

    String accessOf(String username, String app) {
        return login(username, PASSWORD, app).statusCode(200).extract().path("access_token");
    }

    String linkCode(String access) {
        return given().header("Authorization", "Bearer " + access).post("/api/telegram/link-code").then().statusCode(200)
                .body("deep_link", startsWith("https://t.me/campus_test_bot?start="))
                .body("expires_in", equalTo(600))
                .extract().path("code");
    }

    ValidatableResponse link(String token, String code, long telegramId) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("code", code, "telegram_id", telegramId, "telegram_username", "tg" + telegramId, "chat_id", telegramId))
                .post("/api/telegram/link").then();
    }

    static String initData(long telegramId, long authDate) {
        return edu.campus.common.testing.TestInitData.of(BOT_TOKEN, telegramId, authDate);
    }

    ValidatableResponse telegramSignIn(String initData) {
        return given().contentType(ContentType.JSON).body(Map.of("init_data", initData)).post("/api/auth/telegram").then();
    }

    @Test
    void theNotifierFindsALinkedActiveTeachersChat() {
        long entity = entityId();
        String teacher = user("traffic", "teacher", entity, true);
        long telegramId = 3_000_000_000L + entity % 1_000_000_000_000L; // beyond int: the JSON path reads it back as a Long
        String chats = "/api/telegram/chats?app=traffic&role=teacher&entity_id=" + entity;
        given().header("Authorization", "Bearer " + bot()).get(chats).then().statusCode(404).body("error_code", equalTo("telegram_not_linked"));
        link(bot(), linkCode(accessOf(teacher, "traffic")), telegramId).statusCode(200);
        given().header("Authorization", "Bearer " + bot()).get(chats).then().statusCode(200)
                .body("telegram_id", equalTo(telegramId)).body("chat_id", equalTo(telegramId));
        // a deactivated account gets nothing
        db.preparedQuery("update users set is_active = false where username = $1").execute(Tuple.of(teacher)).await().indefinitely();
        given().header("Authorization", "Bearer " + bot()).get(chats).then().statusCode(404);
        given().header("Authorization", "Bearer " + bot()).get("/api/telegram/chats?app=Traffic!&role=teacher&entity_id=1").then().statusCode(400);
        given().header("Authorization", "Bearer " + bot()).get("/api/telegram/chats?app=traffic&role=teacher").then().statusCode(400);
    }

    @Test
    void aTeacherLinksTelegramOnceThenSignsInFromTheMiniApp() throws Exception {
        String teacher = user("traffic", "teacher", entityId(), true);
        long telegramId = entityId() % 1_000_000_000_000L;
        String code = linkCode(accessOf(teacher, "traffic"));
        assertEquals(0, db.preparedQuery("select count(*) from link_codes where code_hash::text like $1")
                .execute(Tuple.of("%" + code + "%")).await().indefinitely().iterator().next().getLong(0));

        link(bot(), code, telegramId).statusCode(200).body("telegram_id", equalTo(telegramId));
        // single use
        link(bot(), code, telegramId).statusCode(404).body("error_code", equalTo("link_code_invalid"));

        long signedAt = Instant.now().getEpochSecond();
        String signed = initData(telegramId, signedAt);
        String access = telegramSignIn(signed).statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + access).get("/api/auth/me").then().statusCode(200)
                .body("username", equalTo(teacher)).body("role", equalTo("teacher"));
        // the same initData again (a copy from a log, a proxy, a shoulder): refused, though still within its age
        telegramSignIn(signed).statusCode(401).body("error_code", equalTo("init_data_replayed"));
        assertTrue(db.query("select count(*) from telegram_init_data_seen where expires_at > now()").execute().await().indefinitely()
                .iterator().next().getLong(0) >= 1);
        // a fresh one from the Mini App works
        telegramSignIn(initData(telegramId, signedAt - 1)).statusCode(200);

        // /unlink in the bot: the link goes (audited), sign-in stops, and a second /unlink says there was none
        unlink(bot(), telegramId).statusCode(200).body("unlinked", equalTo(true));
        telegramSignIn(initData(telegramId, signedAt - 2)).statusCode(401)
                .body("error_code", equalTo("telegram_not_linked"));
        assertEquals(1L, db.preparedQuery("select count(*) from audit_log where action = 'telegram_unlinked' and actor = 'client:bot'"
                + " and details->>'telegram_id' = $1").execute(Tuple.of(String.valueOf(telegramId))).await().indefinitely()
                .iterator().next().getLong(0));
        unlink(bot(), telegramId).statusCode(200).body("unlinked", equalTo(false));
        unlink(bot(), -1).statusCode(400);
    }

    ValidatableResponse unlink(String token, long telegramId) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("telegram_id", telegramId)).post("/api/telegram/unlink").then();
    }

    @Test
    void signInRefusesUnlinkedTamperedAndStaleInitData() throws Exception {
        long stranger = entityId() % 1_000_000_000_000L;
        telegramSignIn(initData(stranger, Instant.now().getEpochSecond())).statusCode(401)
                .body("error_code", equalTo("telegram_not_linked"));
        telegramSignIn(initData(stranger, Instant.now().getEpochSecond()).replace("%D0%A2", "%D0%A3")).statusCode(401)
                .body("error_code", equalTo("invalid_init_data")).body("details.reason", equalTo("bad_hash"));
        telegramSignIn(initData(stranger, Instant.now().getEpochSecond() - 3600)).statusCode(401)
                .body("details.reason", equalTo("stale"));
    }

    @Test
    void aTelegramAccountBelongsToOneUser() {
        long telegramId = entityId() % 1_000_000_000_000L;
        link(bot(), linkCode(accessOf(user("traffic", "teacher", entityId(), true), "traffic")), telegramId).statusCode(200);
        link(bot(), linkCode(accessOf(user("traffic", "teacher", entityId(), true), "traffic")), telegramId).statusCode(409)
                .body("error_code", equalTo("conflict"));
    }

    @Test
    void onlyTheBotCompletesLinksAndOnlySignedInUsersGetCodes() {
        given().post("/api/telegram/link-code").then().statusCode(401);
        String teacherAccess = accessOf(user("traffic", "teacher", entityId(), true), "traffic");
        String code = linkCode(teacherAccess);
        String traffic = given().contentType(ContentType.JSON)
                .body(Map.of("client_id", "traffic", "client_secret", "traffic-test-secret"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
        link(traffic, code, 5L).statusCode(403);
        link(teacherAccess, code, 5L).statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("code", code, "telegram_id", 5)).post("/api/telegram/link")
                .then().statusCode(401);
    }

    @Test
    void anExpiredCodeIsRefused() {
        String teacher = user("traffic", "teacher", entityId(), true);
        String code = linkCode(accessOf(teacher, "traffic"));
        db.query("update link_codes set expires_at = now() - interval '1 second' where used_at is null").execute().await().indefinitely();
        link(bot(), code, 77L).statusCode(404).body("error_code", equalTo("link_code_invalid"));
    }
}
