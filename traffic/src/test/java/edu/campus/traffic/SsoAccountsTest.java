package edu.campus.traffic;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.events.testing.TestBroker;
import edu.campus.events.testing.TestBroker.Received;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/** SSO's sso.user.* events: a deactivated traffic account stops acting at once, a teacher's running session ends. */
@QuarkusTest
class SsoAccountsTest extends TrafficTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String ssoEvent(String type, long userId, String app, String role, Long entity) throws Exception {
        String id = UUID.randomUUID().toString();
        TestBroker.publish(type, id, new JsonObject().put("id", id).put("type", type).put("version", 1)
                .put("occurred_at", "2026-12-01T10:00:00Z").put("data", new JsonObject().put("user_id", userId).put("app", app)
                        .put("role", role).put("entity_id", entity)).encode());
        return id;
    }

    private static void awaitStatus(String token, String path, int status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (as(token).get(path).then().extract().statusCode() != status) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(path + " never answered " + status);
            }
            Thread.sleep(50);
        }
    }

    private long count(String sql, Object... params) {
        return db.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aDeactivatedTeacherStopsAtOnceTheirSessionEndsAndTheyActAgainWhenActivated() throws Exception {
        List<Received> received = TestBroker.listen("traffic.session.closed");
        Setup s = activeSession();
        String teacher = teacherToken(s.teacherId());
        long userId = 100 + s.teacherId(); // the user id in teacherToken
        as(teacher).get("/api/traffic/sessions").then().statusCode(200);

        ssoEvent("sso.user.deactivated", userId, "traffic", "teacher", s.teacherId());
        awaitStatus(teacher, "/api/traffic/sessions", 403);
        as(teacher).get("/api/traffic/sessions/" + s.sessionId()).then().statusCode(403).body("error_code", equalTo("account_inactive"));
        // before the body is read: a broken body is refused for the account, not for its syntax
        as(teacher).body("{broken").post("/api/traffic/sessions").then().statusCode(403).body("error_code", equalTo("account_inactive"));
        // the running session ended with its reason, and the kiosk is idle
        assertEquals("closed", db.preparedQuery("select status from attendance_sessions where id = $1").execute(Tuple.of(s.sessionId()))
                .await().indefinitely().iterator().next().getString(0));
        long deadline = System.currentTimeMillis() + 15_000;
        while (received.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        JsonNode closed = JSON.readTree(received.get(0).body());
        assertEquals(s.sessionId(), closed.at("/data/session_id").asLong());
        assertEquals("account", closed.at("/data/reason").asText());
        kioskState(s.secret()).body("state", equalTo("idle"));

        ssoEvent("sso.user.activated", userId, "traffic", "teacher", s.teacherId());
        awaitStatus(teacher, "/api/traffic/sessions", 200);
        assertEquals(0, count("select count(*) from inactive_accounts"));
        assertEquals(2, count("select count(*) from inbox where consumer = 'sso-accounts'"));
    }

    @Test
    void anAdminDeletedInSsoIsRefusedOtherAppsAndRepeatsChangeNothing() throws Exception {
        String admin = adminToken(); // user 1
        as(admin).get("/api/traffic/admin/kiosks").then().statusCode(200);
        // another app's account with the same user id: ignored before the inbox
        ssoEvent("sso.user.deleted", 1, "services", "admin", null);
        String deleted = ssoEvent("sso.user.deleted", 1, "traffic", "admin", null);
        awaitStatus(admin, "/api/traffic/admin/kiosks", 403);
        // the same event again (a redelivery) is handled once
        TestBroker.publish("sso.user.deleted", deleted, new JsonObject().put("id", deleted).put("type", "sso.user.deleted")
                .put("version", 1).put("occurred_at", "2026-12-01T10:00:00Z")
                .put("data", new JsonObject().put("user_id", 1).put("app", "traffic").put("role", "admin")).encode());
        String marker = ssoEvent("sso.user.deactivated", 77, "traffic", "admin", null);
        long deadline = System.currentTimeMillis() + 15_000;
        while (count("select count(*) from inbox where event_id = $1", UUID.fromString(marker)) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, count("select count(*) from inbox where event_id = $1", UUID.fromString(deleted)));
        assertEquals(2, count("select count(*) from inbox where consumer = 'sso-accounts'"));
        assertEquals(2, count("select count(*) from inactive_accounts"));
        // a teacher's token is unaffected by another account's state
        as(teacherToken(5)).get("/api/traffic/sessions").then().statusCode(200);
    }
}
