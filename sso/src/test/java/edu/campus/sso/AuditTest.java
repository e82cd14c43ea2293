package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;

/** Sign-ins and their ends leave audit entries, with the request id, written in the same transaction as the change. */
@QuarkusTest
class AuditTest extends SsoTestBase {

    private long entries(String action, String target, String requestId) {
        return db.preparedQuery("select count(*) from audit_log where action = $1 and target like $2 and request_id = $3")
                .execute(Tuple.of(action, target, requestId)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aSignInAndItsLogoutAreAudited() {
        String username = user("traffic", "admin", null, true);
        long id = db.preparedQuery("select id from users where username = $1").execute(Tuple.of(username)).await().indefinitely()
                .iterator().next().getLong(0);
        String refresh = given().contentType(ContentType.JSON).header("X-Request-Id", "audit-login-" + id)
                .body(Map.of("username", username, "password", PASSWORD, "app", "traffic")).post("/api/auth/login")
                .then().statusCode(200).extract().path("refresh_token");
        assertEquals(1, entries("login", "user:" + id, "audit-login-" + id));
        given().contentType(ContentType.JSON).header("X-Request-Id", "audit-logout-" + id).body(Map.of("refresh_token", refresh))
                .post("/api/auth/logout").then().statusCode(204);
        assertEquals(1, entries("logout", "family:%", "audit-logout-" + id));
        // a second logout of the same (revoked) sign-in changes nothing, and says nothing new
        given().contentType(ContentType.JSON).header("X-Request-Id", "audit-logout-" + id).body(Map.of("refresh_token", refresh))
                .post("/api/auth/logout").then().statusCode(204);
        assertEquals(1, entries("logout", "family:%", "audit-logout-" + id));
    }
}
