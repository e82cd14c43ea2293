package edu.campus.traffic;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class TeacherSessionsTest extends TrafficTestBase {

    @Test
    void manualMarkIsIdempotentAndUnmarkRemovesIt() {
        Setup s = activeSession();
        String path = "/api/traffic/sessions/" + s.sessionId() + "/attendees/";
        Map<String, Object> student = Map.of("student_name", "Смирнов Олег", "student_email", "oleg@uni.example");
        as(teacherToken(s.teacherId())).body(student).put(path + 7001).then().statusCode(201).body("status", equalTo("marked"));
        as(teacherToken(s.teacherId())).body(student).put(path + 7001).then().statusCode(200).body("status", equalTo("already_marked"));
        as(teacherToken(s.teacherId())).get("/api/traffic/sessions/" + s.sessionId() + "/attendees").then().statusCode(200)
                .body("count", is(1)).body("attendees[0].student_id", is(7001)).body("attendees[0].method", equalTo("manual"))
                .body("attendees[0].marked_by", equalTo("teacher:" + s.teacherId()));
        as(teacherToken(s.teacherId())).delete(path + 7001).then().statusCode(204);
        as(teacherToken(s.teacherId())).delete(path + 7001).then().statusCode(404);
        assertEquals(0, db.preparedQuery("select count(*) from marks where session_id = $1").execute(Tuple.of(s.sessionId()))
                .await().indefinitely().iterator().next().getLong(0));

        // input is checked at the edge; nothing is written
        as(teacherToken(s.teacherId())).body(Map.of("student_email", "not-an-email")).put(path + 7002).then().statusCode(400)
                .body("error_code", equalTo("validation_error"));
        as(teacherToken(s.teacherId())).body(student).put(path + "0").then().statusCode(400);

        // corrections after the end are allowed to the teacher
        as(teacherToken(s.teacherId())).post("/api/traffic/sessions/" + s.sessionId() + "/close").then().statusCode(200);
        as(teacherToken(s.teacherId())).body(student).put(path + 7003).then().statusCode(201);
    }

    @Test
    void csvExportListsTheAttendeesSafely() {
        Setup s = activeSession();
        String path = "/api/traffic/sessions/" + s.sessionId() + "/attendees/";
        Map<String, Object> plain = new HashMap<>(Map.of("student_name", "Кузнецова Мария", "student_email", "maria@uni.example",
                "student_group", "3530901/10001"));
        as(teacherToken(s.teacherId())).body(plain).put(path + 8001).then().statusCode(201);
        as(teacherToken(s.teacherId())).body(Map.of("student_name", "=HYPERLINK(\"x\"), Bob")).put(path + 8002).then().statusCode(201);

        String csv = as(teacherToken(s.teacherId())).get("/api/traffic/sessions/" + s.sessionId() + "/attendees.csv").then()
                .statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"attendance-" + s.sessionId() + ".csv\"")
                .extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("\uFEFFstudent_id,student_name,student_email,student_group,marked_at,method", lines[0]);
        assertEquals(3, lines.length);
        assertEquals(true, lines[1].startsWith("8001,Кузнецова Мария,maria@uni.example,3530901/10001,"), lines[1]);
        assertEquals(true, lines[1].endsWith("+03:00,manual"), lines[1]);
        assertEquals(true, lines[2].startsWith("8002,\"'=HYPERLINK(\"\"x\"\"), Bob\",,,"), lines[2]);
    }

    @Test
    void sessionsArePagedNewestFirstAndFiltered() {
        Setup s = activeSession();
        String key = as(teacherToken(s.teacherId())).body(Map.of("display_pin", s.displayPin())).post("/api/traffic/lessons/lookup")
                .then().extract().jsonPath().getString("lessons[0].lesson_key");
        long second = as(teacherToken(s.teacherId())).body(Map.of("display_pin", s.displayPin(), "lesson_key", key))
                .post("/api/traffic/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        as(teacherToken(s.teacherId())).get("/api/traffic/sessions?size=1").then().statusCode(200).body("total", is(2))
                .body("items.size()", is(1)).body("items[0].id", is((int) second)).body("size", is(1));
        as(teacherToken(s.teacherId())).get("/api/traffic/sessions?status=closed").then().statusCode(200).body("total", is(1))
                .body("items[0].id", is((int) s.sessionId()));
        as(teacherToken(s.teacherId())).get("/api/traffic/sessions?status=bogus").then().statusCode(400);
        as(teacherToken(s.teacherId())).get("/api/traffic/sessions?size=1000").then().statusCode(400);
        // closing twice is harmless
        as(teacherToken(s.teacherId())).post("/api/traffic/sessions/" + second + "/close").then().statusCode(200);
        as(teacherToken(s.teacherId())).post("/api/traffic/sessions/" + second + "/close").then().statusCode(200)
                .body("status", equalTo("closed"));
    }

    @Test
    void unknownDisplayPinAndUnregisteredKiosk() {
        long teacher = insertTeacher("Иванов И.И.", random());
        as(teacherToken(teacher)).body(Map.of("display_pin", "999999")).post("/api/traffic/lessons/lookup").then().statusCode(404);
        Map<String, Object> kiosk = initKiosk();
        as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"))).post("/api/traffic/lessons/lookup").then()
                .statusCode(409).body("error_code", equalTo("kiosk_not_registered"));
        as(teacherToken(teacher)).body(Map.of("display_pin", "12ab")).post("/api/traffic/lessons/lookup").then().statusCode(400)
                .body("details.fields", org.hamcrest.Matchers.hasKey("display_pin"));
    }

    @Test
    void scheduleDownIsA503NotA500() {
        long teacher = insertTeacher("Иванов И.И.", random());
        long room = random();
        Map<String, Object> kiosk = registeredKiosk(room);
        edu.campus.traffic.support.Upstreams.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock
                .get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/schedule/rooms/" + room + "/day"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(503)));
        as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"))).post("/api/traffic/lessons/lookup").then()
                .statusCode(503).body("error_code", equalTo("upstream_unavailable"));
    }
}
