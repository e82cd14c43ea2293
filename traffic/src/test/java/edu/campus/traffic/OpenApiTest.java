package edu.campus.traffic;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiContract;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document says what the API does: names as on the wire, who may call, the real statuses. */
@QuarkusTest
class OpenApiTest extends TrafficTestBase {

    @Test
    void schemasMatchRealAnswers() {
        OpenApiContract api = OpenApiContract.fetch();
        Map<String, Object> kiosk = registeredKiosk(random());
        api.assertAnswerMatches("KioskView", as(adminToken()).get("/api/traffic/admin/kiosks/" + kiosk.get("id")).then().statusCode(200)
                .extract().asString());
        api.assertAnswerMatches("KioskCredentials", io.restassured.RestAssured.given().contentType("application/json")
                .post("/api/traffic/kiosks/init").then().statusCode(201).extract().asString());
        Setup s = activeSession();
        api.assertAnswerMatches("SessionView", as(teacherToken(s.teacherId())).get("/api/traffic/sessions/" + s.sessionId()).then()
                .statusCode(200).extract().asString());
    }

    @Test
    void securityStatusesAndNoFrameworkTypes() {
        OpenApiContract api = OpenApiContract.fetch();
        api.assertSecured("/api/traffic/admin/kiosks", "GET");
        api.assertSecured("/api/traffic/sessions/{id}/marks", "POST");
        api.assertSecured("/api/traffic/kiosks/state", "GET");
        api.assertStatus("/api/traffic/sessions/{id}/marks", "POST", "201");
        api.assertStatus("/api/traffic/sessions/{id}/marks", "POST", "409");
        api.assertStatus("/api/traffic/sessions/{id}/marks", "POST", "422");
        api.assertStatus("/api/traffic/admin/teacher-sync", "POST", "202");
        api.assertStatus("/api/traffic/admin/teacher-sync", "POST", "409");
        api.assertStatus("/api/traffic/kiosks/init", "POST", "201");
        api.assertStatus("/api/traffic/kiosks/init", "POST", "429");
        assertFalse(api.operation("/api/traffic/kiosks/init", "POST").has("requestBody"), "kiosk init takes no body");
        assertFalse(api.text().contains("HttpServerRequest"), "a framework type is documented");
    }
}
