package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiFuzz;
import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every request body and parameter of every public endpoint, fuzzed from the OpenAPI document with every kind of caller. */
@QuarkusTest
class FuzzTest extends SsoTestBase {

    @Test
    void noAnswerIsA5xxAndEveryRefusalHasTheErrorShape() {
        String adminToken = login("root", "bootstrap-secret-1", "sso").statusCode(200).extract().path("access_token");
        String userToken = login(user("traffic", "teacher", entityId(), true), PASSWORD, "traffic").statusCode(200).extract().path("access_token");
        String serviceToken = given().contentType(ContentType.JSON).body(Map.of("client_id", "bot", "client_secret", "bot-test-secret"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
        OpenApiFuzz fuzz = OpenApiFuzz.of(List.of());
        List<OpenApiFuzz.Finding> findings = fuzz.run(Arrays.asList(null, "Bearer " + adminToken, "Bearer " + userToken,
                "Bearer " + serviceToken));
        System.out.println("fuzz: " + fuzz.requests() + " requests, slowest " + fuzz.slowest());
        assertTrue(findings.isEmpty(), fuzz.requests() + " requests, " + findings.size() + " broke a rule:\n"
                + findings.stream().limit(30).map(Object::toString).collect(Collectors.joining("\n")));
        assertTrue(fuzz.requests() > 1000, fuzz.requests() + " requests");
        // and the fuzz left the data other tests rely on alone: the first admin still signs in as an sso admin
        login("root", "bootstrap-secret-1", "sso").statusCode(200);
    }
}
