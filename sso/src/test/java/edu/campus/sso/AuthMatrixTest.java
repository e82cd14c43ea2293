package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.sso.auth.Tokens;
import edu.campus.sso.keys.SigningKeys;
import edu.campus.sso.support.BadTokens;
import edu.campus.sso.support.SsoTestBase;
import edu.campus.sso.user.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Every protected endpoint against every bad credential: 401 or 403 in the error format, never data. */
@QuarkusTest
class AuthMatrixTest extends SsoTestBase {

    record Endpoint(String method, String path, Map<String, Object> body, String needs) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/auth/me", null, "user"),
            new Endpoint("POST", "/api/telegram/link-code", null, "user"),
            new Endpoint("POST", "/api/telegram/link", Map.of("code", "x", "telegram_id", 1), "telegram:link"),
            new Endpoint("POST", "/api/telegram/unlink", Map.of("telegram_id", 1), "telegram:link"),
            new Endpoint("GET", "/api/telegram/chats?app=traffic&role=teacher&entity_id=1", null, "telegram:notify"),
            new Endpoint("GET", "/api/users", null, "sso-admin"),
            new Endpoint("GET", "/api/users/1", null, "sso-admin"),
            new Endpoint("GET", "/api/users/check-username?username=x", null, "sso-admin"),
            new Endpoint("GET", "/api/users/by-telegram/1", null, "sso-admin"),
            new Endpoint("GET", "/api/users/by-ruz-teacher/1", null, "sso-admin"),
            new Endpoint("GET", "/api/users/audit", null, "sso-admin"),
            new Endpoint("POST", "/api/users", Map.of("full_name", "X Y", "app", "sso", "role", "staff"), "sso-admin"),
            new Endpoint("PATCH", "/api/users/1", Map.of("full_name", "Hacked"), "sso-admin"),
            new Endpoint("DELETE", "/api/users/1", null, "sso-admin"),
            new Endpoint("POST", "/api/users/1/telegram", Map.of("telegram_id", 5), "sso-admin"),
            new Endpoint("DELETE", "/api/users/1/telegram", null, "sso-admin"),
            new Endpoint("POST", "/api/provision/traffic/teachers", Map.of("entity_id", 1, "full_name", "X Y"), "provision:traffic"),
            new Endpoint("POST", "/api/provision/traffic/teachers/batch",
                    Map.of("teachers", List.of(Map.of("entity_id", 1, "full_name", "X Y"))), "provision:traffic"),
            new Endpoint("DELETE", "/api/provision/traffic/teachers/1", null, "provision:traffic"),
            new Endpoint("POST", "/api/provision/traffic/teacher-link-telegram", Map.of("entity_id", 1), "provision:traffic"),
            new Endpoint("POST", "/api/provision/services/staff", Map.of("entity_id", 1, "full_name", "X Y"), "provision:services"),
            new Endpoint("POST", "/api/provision/services/executors", Map.of("entity_id", 1, "full_name", "X Y"), "provision:services"),
            new Endpoint("DELETE", "/api/provision/services/staff/1", null, "provision:services"),
            new Endpoint("DELETE", "/api/provision/services/executors/1", null, "provision:services"));

    @Inject
    Tokens tokens;

    @Inject
    SigningKeys keys;

    RequestSpecification call(String authorization, Endpoint endpoint) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (endpoint.body() != null) {
            request.body(endpoint.body());
        }
        return request;
    }

    void expect(String authorization, int status, String label) {
        for (Endpoint endpoint : ENDPOINTS) {
            call(authorization, endpoint).request(endpoint.method(), endpoint.path()).then()
                    .statusCode(status)
                    .body("error_code", equalTo(status == 401 ? "unauthorized" : "forbidden"))
                    .body("$", not(hasKey("items")))
                    .body("$", not(hasKey("user_id")));
        }
    }

    @Test
    void invalidCredentialsAre401Everywhere() throws Exception {
        expect(null, 401, "no token");
        expect("Bearer not-a-jwt", 401, "malformed");
        expect("Basic cm9vdDpib290c3RyYXA=", 401, "not bearer");
        expect("Bearer " + BadTokens.expired(tokens, User.App.sso, User.Role.admin), 401, "expired");
        expect("Bearer " + BadTokens.forged(keys), 401, "wrong signature");
    }

    @Test
    void validButWrongCredentialsAre403() {
        String teacher = login(user("traffic", "teacher", entityId(), true), PASSWORD, "traffic").statusCode(200)
                .extract().path("access_token");
        String bot = given().contentType(ContentType.JSON).body(Map.of("client_id", "bot", "client_secret", "bot-test-secret"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
        for (Endpoint endpoint : ENDPOINTS) {
            String wrong = switch (endpoint.needs()) {
                case "user" -> bot; // a service token is not a user
                default -> teacher; // a user token is not an admin's nor a service's
            };
            call("Bearer " + wrong, endpoint).request(endpoint.method(), endpoint.path()).then()
                    .statusCode(403).body("error_code", equalTo("forbidden"));
        }
        // scopes are per app: the bot's telegram:link does not provision, traffic's does not touch services
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.needs().startsWith("provision:")) {
                call("Bearer " + bot, endpoint).request(endpoint.method(), endpoint.path()).then().statusCode(403);
            }
        }
    }
}
