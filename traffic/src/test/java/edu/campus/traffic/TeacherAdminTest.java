package edu.campus.traffic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.support.FakeSso;
import edu.campus.traffic.support.TrafficTestBase;
import edu.campus.traffic.support.Upstreams;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TeacherAdminTest extends TrafficTestBase {

    @Test
    void createProvisionsInSsoAndDeleteRemovesFromBoth() {
        long ruz = random();
        long id = as(adminToken()).body(Map.of("full_name", "  Орлова Ольга  ", "ruz_teacher_id", ruz)).post("/api/traffic/admin/teachers")
                .then().statusCode(201).body("full_name", equalTo("Орлова Ольга")).body("sso_status", equalTo("provisioned"))
                .body("sso_user_id", notNullValue()).extract().jsonPath().getLong("id");
        assertEquals("Орлова Ольга", FakeSso.accounts.get(id));

        as(adminToken()).body(Map.of("full_name", "Кто-то", "ruz_teacher_id", ruz)).post("/api/traffic/admin/teachers").then()
                .statusCode(409).body("details.ruz_teacher_id", equalTo((int) ruz));
        as(adminToken()).body(Map.of("full_name", " ")).post("/api/traffic/admin/teachers").then().statusCode(400)
                .body("details.fields.full_name", notNullValue());
        as(adminToken()).get("/api/traffic/admin/teachers?q=орлова").then().statusCode(200).body("total", equalTo(1));

        as(adminToken()).post("/api/traffic/admin/teachers/" + id + "/telegram-link").then().statusCode(200)
                .body("deep_link", equalTo("https://t.me/campus_test_bot?start=link_c0de"));

        as(adminToken()).delete("/api/traffic/admin/teachers/" + id).then().statusCode(204);
        Upstreams.server().verify(1, deleteRequestedFor(urlEqualTo("/api/provision/traffic/teachers/" + id)));
        assertFalse(FakeSso.accounts.containsKey(id));
        as(adminToken()).get("/api/traffic/admin/teachers/" + id).then().statusCode(404);
        as(adminToken()).delete("/api/traffic/admin/teachers/" + id).then().statusCode(404);
    }

    @Test
    void ssoDownLeavesTheTeacherPendingUntilTheSync() {
        Upstreams.server().stubFor(post(urlEqualTo("/api/provision/traffic/teachers/batch")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        long id = as(adminToken()).body(Map.of("full_name", "Павлов Павел")).post("/api/traffic/admin/teachers").then().statusCode(201)
                .body("sso_status", equalTo("pending")).extract().jsonPath().getLong("id");
        as(adminToken()).post("/api/traffic/admin/teachers/" + id + "/telegram-link").then().statusCode(409)
                .body("error_code", equalTo("teacher_not_provisioned"));
        // deleting while SSO is down changes nothing
        Upstreams.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/provision/traffic/teachers/\\d+")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        as(adminToken()).delete("/api/traffic/admin/teachers/" + id).then().statusCode(503).body("error_code", equalTo("upstream_unavailable"));
        as(adminToken()).get("/api/traffic/admin/teachers/" + id).then().statusCode(200).body("sso_status", equalTo("pending"));
    }
}
