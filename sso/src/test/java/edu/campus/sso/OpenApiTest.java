package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiContract;
import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** The public OpenAPI document: names as on the wire, who may call, and nothing of the internal provisioning API. */
@QuarkusTest
class OpenApiTest extends SsoTestBase {

    @Test
    void schemasMatchRealAnswers() {
        OpenApiContract api = OpenApiContract.fetch();
        String username = user("traffic", "admin", null, true);
        String tokens = login(username, PASSWORD, "traffic").statusCode(200).extract().asString();
        api.assertAnswerMatches("TokenPair", tokens);
        String access = login(username, PASSWORD, "traffic").statusCode(200).extract().path("access_token");
        api.assertAnswerMatches("Me", given().header("Authorization", "Bearer " + access).get("/api/auth/me").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void securityStatusesAndTheInternalApiIsNotPublished() {
        OpenApiContract api = OpenApiContract.fetch();
        api.assertSecured("/api/users", "GET");
        api.assertSecured("/api/auth/me", "GET");
        api.assertSecured("/api/telegram/link", "POST");
        api.assertStatus("/api/users", "POST", "201");
        api.assertStatus("/api/users", "POST", "409");
        api.assertStatus("/api/auth/login", "POST", "429");
        assertFalse(api.document().path("paths").fieldNames().hasNext() && api.text().contains("/api/provision"),
                "the internal provisioning API is in the public document");
        assertFalse(api.text().contains("HttpServerRequest"), "a framework type is documented");
    }
}
