package edu.campus.main;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiContract;
import edu.campus.main.support.MainTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document says what the API does: names as on the wire, who may call, the real statuses. */
@QuarkusTest
class OpenApiTest extends MainTestBase {

    @Test
    void schemasMatchRealAnswersAndTheStudentEndpointsAreSecured() {
        OpenApiContract api = OpenApiContract.fetch();
        Map<String, String> session = signIn();
        api.assertAnswerMatches("Profile", as(session).get("/api/main/me").then().statusCode(200).extract().asString());
        api.assertAnswerMatches("Launch", as(session).post("/api/main/miniapps/traffic/launch").then().statusCode(200).extract().asString());
        api.assertAnswerMatches("SessionTokens", io.restassured.RestAssured.given().contentType("application/json")
                .body(Map.of("refresh_token", session.get("refresh_token"))).post("/api/main/auth/refresh").then().statusCode(200)
                .extract().asString());
        api.assertAnswerMatches("MiniAppList", io.restassured.RestAssured.given().get("/api/main/miniapps").then().statusCode(200)
                .extract().asString());
        api.assertSecured("/api/main/me", "GET");
        api.assertSecured("/api/main/gradebook", "GET");
        api.assertSecured("/api/main/miniapps/{app}/launch", "POST");
        api.assertStatus("/api/main/auth/cas/login", "GET", "303");
        api.assertStatus("/api/main/gradebook/connect", "POST", "422");
        assertFalse(api.text().contains("HttpServerRequest"), "a framework type is documented");
    }
}
