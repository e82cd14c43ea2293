package edu.campus.traffic;

import static edu.campus.traffic.support.TrafficTestBase.BUILDING;
import static edu.campus.traffic.support.TrafficTestBase.adminToken;
import static edu.campus.traffic.support.TrafficTestBase.as;
import static edu.campus.traffic.support.TrafficTestBase.initKiosk;
import static edu.campus.traffic.support.TrafficTestBase.kioskState;
import static edu.campus.traffic.support.TrafficTestBase.lesson;
import static edu.campus.traffic.support.TrafficTestBase.random;
import static edu.campus.traffic.support.TrafficTestBase.studentToken;
import static edu.campus.traffic.support.TrafficTestBase.stubRoomDay;
import static edu.campus.traffic.support.TrafficTestBase.stubRooms;
import static edu.campus.traffic.support.TrafficTestBase.teacherToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edu.campus.common.testing.TestDatabase;
import edu.campus.traffic.attendance.QrTokens;
import edu.campus.traffic.support.FakeSso;
import edu.campus.traffic.support.SseRecorder;
import edu.campus.traffic.support.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/** The main flows against the packaged application (the jar, or the native executable with -Dnative). */
@QuarkusIntegrationTest
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "traffic_test"))
@WithTestResource(Upstreams.class)
@WithTestResource(edu.campus.events.testing.TestBroker.class)
class TrafficIT {

    @BeforeEach
    void stubs() {
        Upstreams.reset();
    }

    @Test
    void kioskSessionQrMarkAndExport() throws InterruptedException {
        long ruz = random();
        long teacher = as(adminToken()).body(Map.of("full_name", "Иванов Иван " + ruz, "ruz_teacher_id", ruz)).post("/api/traffic/admin/teachers")
                .then().statusCode(201).body("sso_status", equalTo("provisioned")).extract().jsonPath().getLong("id");
        assertEquals("Иванов Иван " + ruz, FakeSso.accounts.get(teacher));

        Map<String, Object> kiosk = initKiosk();
        String secret = (String) kiosk.get("device_secret");
        kioskState(secret).statusCode(200).body("state", equalTo("unregistered"));
        long room = random();
        stubRooms(BUILDING, room, "101");
        long id = as(adminToken()).get("/api/traffic/admin/kiosks/by-registration-pin/" + kiosk.get("registration_pin")).then()
                .statusCode(200).extract().jsonPath().getLong("id");
        as(adminToken()).body(Map.of("building_id", BUILDING, "room_id", room)).put("/api/traffic/admin/kiosks/" + id + "/room").then()
                .statusCode(200).body("state", equalTo("idle"));

        stubRoomDay(room, lesson("Физика", "10:00", "11:30", ruz, "Иванов Иван " + ruz));
        String key = as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"))).post("/api/traffic/lessons/lookup")
                .then().statusCode(200).body("lessons.size()", is(1)).extract().jsonPath().getString("lessons[0].lesson_key");
        long session = as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"), "lesson_key", key))
                .post("/api/traffic/sessions").then().statusCode(201).extract().jsonPath().getLong("id");

        String sessionSecret = kioskState(secret).statusCode(200).body("state", equalTo("active")).body("session.id", is((int) session))
                .extract().jsonPath().getString("session.secret");
        long now = Instant.now().getEpochSecond();
        String token = QrTokens.token(HexFormat.of().parseHex(sessionSecret), session, QrTokens.window(now, 10));
        as(studentToken(42)).body(Map.of("qr_token", token)).post("/api/traffic/sessions/" + session + "/marks").then().statusCode(201)
                .body("status", equalTo("marked"));
        as(studentToken(42)).body(Map.of("qr_token", token)).post("/api/traffic/sessions/" + session + "/marks").then().statusCode(200)
                .body("status", equalTo("already_marked"));
        as(studentToken(43)).body(Map.of("qr_token", "0123456789abcdef")).post("/api/traffic/sessions/" + session + "/marks").then()
                .statusCode(422).body("error_code", equalTo("qr_token_invalid"));

        as(teacherToken(teacher)).get("/api/traffic/sessions/" + session + "/attendees").then().statusCode(200).body("count", is(1))
                .body("attendees[0].student_name", equalTo("Student 42"));
        as(teacherToken(teacher)).get("/api/traffic/sessions/" + session + "/attendees.csv").then().statusCode(200)
                .body(containsString("42,Student 42,s42@uni.example,3530901/10001,"));
        as(teacherToken(teacher)).post("/api/traffic/sessions/" + session + "/close").then().statusCode(200).body("status", equalTo("closed"));
        kioskState(secret).statusCode(200).body("state", equalTo("idle"));
        // the listings (generic page bodies) serialise in the native image too
        as(teacherToken(teacher)).get("/api/traffic/sessions").then().statusCode(200).body("total", is(1))
                .body("items[0].status", equalTo("closed"));
        as(adminToken()).get("/api/traffic/admin/kiosks/" + id).then().statusCode(200).body("state", equalTo("idle"));
        as(adminToken()).get("/api/traffic/admin/kiosks?size=1").then().statusCode(200).body("items.size()", is(1));
        as(adminToken()).get("/api/traffic/admin/teachers?q=" + ruz).then().statusCode(200).body("items[0].sso_status", equalTo("provisioned"));

        // an ad-hoc session, seen on the admins' live status (named events carrying JSON records)
        try (SseRecorder stream = new SseRecorder(RestAssured.port, "/api/traffic/admin/kiosks/events", adminToken())) {
            assertEquals("kiosks", stream.next(e -> true, Duration.ofSeconds(10)).name());
            long adhoc = as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"), "discipline", "Консультация"))
                    .post("/api/traffic/sessions").then().statusCode(201).body("kind", equalTo("adhoc")).extract().jsonPath().getLong("id");
            SseRecorder.Event active = stream.next(e -> e.name().equals("kiosk") && "active".equals(e.json().getString("state")),
                    Duration.ofSeconds(10));
            assertEquals(adhoc, active.json().getLong("active_session.id"));
            assertEquals(true, active.json().getBoolean("active_session.adhoc"));
        }
    }

    @Test
    void theKioskPageIsServed() {
        io.restassured.RestAssured.given().get("/kiosk/").then().statusCode(200).body(containsString("kiosk.js"));
        io.restassured.RestAssured.given().get("/kiosk/kiosk.js").then().statusCode(200).body(containsString("crypto.subtle"));
        io.restassured.RestAssured.given().get("/kiosk/vendor/qrcode.js").then().statusCode(200);
    }

    @Test
    void refusalsUseTheErrorFormat() {
        kioskState("x").statusCode(401).body("error_code", equalTo("unauthorized"));
        as(teacherToken(1)).get("/api/traffic/admin/kiosks").then().statusCode(403).body("error_code", equalTo("forbidden"));
        as(adminToken()).body(Map.of("room_id", 5)).put("/api/traffic/admin/kiosks/1/room").then().statusCode(400)
                .body("error_code", equalTo("validation_error"));
        as(Upstreams.MAIN.launch(1, "services", "S", "s@x", "g")).body(Map.of("qr_token", "0123456789abcdef"))
                .post("/api/traffic/sessions/1/marks").then().statusCode(401);
    }

    @Test
    void teacherSyncRunsToTheEnd() throws InterruptedException {
        Upstreams.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/api/schedule/teachers").willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"teachers\":[{\"id\":" + random() + ",\"full_name\":\"Синхронный Учитель\"}]}")));
        as(adminToken()).post("/api/traffic/admin/teacher-sync").then().statusCode(202);
        String status = "running";
        for (int i = 0; i < 100 && "running".equals(status); i++) {
            Thread.sleep(50);
            var body = as(adminToken()).get("/api/traffic/admin/teacher-sync").then().statusCode(200).extract().jsonPath();
            status = body.get("running") != null ? "running" : body.getString("last.status");
        }
        assertEquals("succeeded", status);
        assertEquals(true, FakeSso.accounts.containsValue("Синхронный Учитель"));
        as(adminToken()).get("/api/traffic/admin/teacher-sync/runs?limit=1").then().statusCode(200).body("[0].status", equalTo("succeeded"));
    }

    @Test
    void anAccountSsoDeactivatesIsRefusedAtOnceAndLetInWhenActivated() throws Exception {
        long teacher = random();
        String token = teacherToken(teacher);
        as(token).get("/api/traffic/sessions").then().statusCode(200);
        for (String type : new String[] { "sso.user.deactivated", "sso.user.activated" }) {
            String id = java.util.UUID.randomUUID().toString();
            edu.campus.events.testing.TestBroker.publish(type, id, new io.vertx.core.json.JsonObject().put("id", id).put("type", type)
                    .put("version", 1).put("occurred_at", "2026-12-01T10:00:00Z").put("data", new io.vertx.core.json.JsonObject()
                            .put("user_id", 100 + teacher).put("app", "traffic").put("role", "teacher").put("entity_id", teacher)).encode());
            int expected = type.endsWith("deactivated") ? 403 : 200;
            int status = 0;
            for (int i = 0; i < 300 && status != expected; i++) {
                Thread.sleep(50);
                status = as(token).get("/api/traffic/sessions").then().extract().statusCode();
            }
            assertEquals(expected, status, type);
        }
    }
}
