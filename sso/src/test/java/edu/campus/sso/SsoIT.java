package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/** The main flows against the packaged (or native) artifact, over HTTP only. */
@QuarkusIntegrationTest
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "sso_test"))
class SsoIT {

    static String adminToken() {
        return given().contentType(ContentType.JSON).body(Map.of("username", "root", "password", "bootstrap-secret-1", "app", "sso"))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void signInMeRefreshAndReuseDetection() {
        var pair = given().contentType(ContentType.JSON).body(Map.of("username", "root", "password", "bootstrap-secret-1", "app", "sso"))
                .post("/api/auth/login").then().statusCode(200).body("token_type", equalTo("Bearer")).extract().jsonPath();
        given().header("Authorization", "Bearer " + pair.getString("access_token")).get("/api/auth/me").then().statusCode(200)
                .body("username", equalTo("root"));
        String first = pair.getString("refresh_token");
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", first)).post("/api/auth/refresh").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", first)).post("/api/auth/refresh").then().statusCode(401)
                .body("error_code", equalTo("refresh_token_reused"));
        given().contentType(ContentType.JSON).body(Map.of("username", "root", "password", "wrong", "app", "sso"))
                .post("/api/auth/login").then().statusCode(401).body("error_code", equalTo("unauthorized"));
        given().get("/api/auth/jwks").then().statusCode(200).body("keys[0].alg", equalTo("RS256"));
    }

    @Test
    void provisioningAndTheAdminApi() {
        String service = given().contentType(ContentType.JSON).body(Map.of("client_id", "traffic", "client_secret", "traffic-test-secret"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
        long entity = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1;
        int userId = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + service)
                .body(Map.of("entity_id", entity, "full_name", "Нативный Тест Тестович"))
                .post("/api/provision/traffic/teachers").then().statusCode(200)
                .body("username", startsWith("nativnyy.tt")).extract().path("user_id");
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + service).body(Map.of("full_name", "Без"))
                .post("/api/provision/traffic/teachers").then().statusCode(422);
        given().header("Authorization", "Bearer " + adminToken()).get("/api/users/" + userId).then().statusCode(200)
                .body("entity_id", equalTo((int) entity)).body("app", equalTo("traffic"));
        given().header("Authorization", "Bearer " + service).get("/api/users/" + userId).then().statusCode(403);
        given().get("/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
    }
}
