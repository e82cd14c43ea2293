package edu.campus.main;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.main.support.MainTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class SessionTest extends MainTestBase {

    private static ValidatableResponse refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", token)).post("/api/main/auth/refresh").then();
    }

    @Test
    void refreshRotatesAndAReusedTokenEndsTheSignIn() {
        Map<String, String> session = signIn();
        String first = session.get("refresh_token");
        String second = refresh(first).statusCode(200).body("token_type", equalTo("Bearer"))
                .body("refresh_token", not(equalTo(first))).body("student_id", equalTo(Integer.parseInt(session.get("student_id"))))
                .extract().path("refresh_token");
        String access = refresh(second).statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + access).get("/api/main/me").then().statusCode(200);
        // the first token again: someone holds a copy, the whole sign-in ends
        refresh(first).statusCode(401).body("error_code", equalTo("refresh_token_reused"));
        assertEquals(0L, db.preparedQuery("select count(*) from student_sessions where student_id = $1 and revoked_at is null")
                .execute(Tuple.of(Long.parseLong(session.get("student_id")))).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void logoutEndsTheSignInAndIsIdempotent() {
        Map<String, String> session = signIn();
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(Map.of("refresh_token", session.get("refresh_token"))).post("/api/main/auth/logout")
                    .then().statusCode(204);
        }
        refresh(session.get("refresh_token")).statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", "unknown")).post("/api/main/auth/logout").then().statusCode(204);
    }

    @Test
    void expiredAndAbsoluteLimitsEndASignIn() {
        Map<String, String> idle = signIn();
        db.preparedQuery("update student_sessions set expires_at = now() - interval '1 second' where student_id = $1")
                .execute(Tuple.of(Long.parseLong(idle.get("student_id")))).await().indefinitely();
        refresh(idle.get("refresh_token")).statusCode(401).body("error_code", equalTo("unauthorized"));
        Map<String, String> old = signIn();
        db.preparedQuery("update student_sessions set family_started_at = now() - interval '31 days' where student_id = $1")
                .execute(Tuple.of(Long.parseLong(old.get("student_id")))).await().indefinitely();
        refresh(old.get("refresh_token")).statusCode(401);
    }

    @Test
    void badBodiesAre400s() {
        given().contentType(ContentType.JSON).body("{}").post("/api/main/auth/refresh").then().statusCode(400)
                .body("error_code", equalTo("validation_error"));
        given().contentType(ContentType.JSON).body("{\"refresh_token\":\"x\",\"extra\":1}").post("/api/main/auth/refresh").then().statusCode(400);
    }

    @Test
    void aDeletedStudentsTokensStopAtOnce() {
        Map<String, String> session = signIn();
        as(session).get("/api/main/me").then().statusCode(200);
        db.preparedQuery("delete from students where id = $1").execute(Tuple.of(Long.parseLong(session.get("student_id")))).await().indefinitely();
        as(session).get("/api/main/me").then().statusCode(401);
    }
}
