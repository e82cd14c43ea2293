package edu.campus.traffic;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Sessions for lessons that are not in the timetable, and the rule that a live lesson of another teacher is never cut short. */
@QuarkusTest
class AdhocSessionTest extends TrafficTestBase {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private static ValidatableResponse startAdhoc(long teacher, Object displayPin, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.put("display_pin", displayPin);
        return as(teacherToken(teacher)).body(body).post("/api/traffic/sessions").then();
    }

    private Row sessionRow(long id) {
        return db.preparedQuery("select kind, lesson, status, discipline, lesson_end, expires_at from attendance_sessions where id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next();
    }

    private long sessionCount() {
        return db.query("select count(*) from attendance_sessions").execute().await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void anAdhocSessionIsOpenedMarkedExportedAndClosedLikeAnyOther() {
        long teacher = insertTeacher("Петров Пётр Петрович", random());
        Map<String, Object> kiosk = registeredKiosk(random());
        ZonedDateTime before = ZonedDateTime.now(ZONE);
        long id = startAdhoc(teacher, kiosk.get("display_pin"), Map.of("discipline", "\u00a0 Консультация по физике \u200b"))
                .statusCode(201)
                .body("kind", equalTo("adhoc")).body("status", equalTo("active"))
                .body("discipline", equalTo("Консультация по физике")) // trimmed, unicode spaces too
                .body("teacher_name", equalTo("Петров Пётр Петрович")).body("lesson_date", equalTo(today().toString()))
                .extract().jsonPath().getLong("id");
        Row row = sessionRow(id);
        assertEquals("adhoc", row.getString("kind"));
        assertEquals(null, row.getValue("lesson")); // no RUZ lesson to keep
        // without an end: the default duration (90 min in the test profile as in production)
        Duration lasts = Duration.between(before.toOffsetDateTime(), row.getOffsetDateTime("expires_at"));
        assertTrue(lasts.compareTo(Duration.ofMinutes(89)) > 0 && lasts.compareTo(Duration.ofMinutes(91)) < 0, lasts.toString());

        // the kiosk shows it, a student marks it with the QR's token
        String secret = kioskState(kiosk.get("device_secret")).statusCode(200).body("state", equalTo("active"))
                .body("session.discipline", equalTo("Консультация по физике")).extract().jsonPath().getString("session.secret");
        as(studentToken(4242)).body(Map.of("qr_token", qrToken(secret, id, 0))).post("/api/traffic/sessions/" + id + "/marks")
                .then().statusCode(201).body("status", equalTo("marked")).body("discipline", equalTo("Консультация по физике"));
        // the teacher's list and the admins' kiosk list show it
        as(teacherToken(teacher)).get("/api/traffic/sessions?status=active").then().statusCode(200)
                .body("items[0].id", equalTo((int) id)).body("items[0].kind", equalTo("adhoc")).body("items[0].attendee_count", equalTo(1));
        as(adminToken()).get("/api/traffic/admin/kiosks/" + kiosk.get("id")).then().statusCode(200)
                .body("state", equalTo("active")).body("active_session.id", equalTo((int) id))
                .body("active_session.adhoc", equalTo(true)).body("active_session.discipline", equalTo("Консультация по физике"));
        String csv = as(teacherToken(teacher)).get("/api/traffic/sessions/" + id + "/attendees.csv").then().statusCode(200)
                .extract().asString();
        assertTrue(csv.contains("\r\n4242,Student 4242,s4242@uni.example,3530901/10001,"), csv);

        as(teacherToken(teacher)).post("/api/traffic/sessions/" + id + "/close").then().statusCode(200).body("status", equalTo("closed"));
        kioskState(kiosk.get("device_secret")).body("state", equalTo("idle"));
    }

    @Test
    void theEndTheTeacherGivesIsWhenItExpires() {
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        assumeTrue(now.toLocalTime().isAfter(LocalTime.of(0, 5)) && now.toLocalTime().isBefore(LocalTime.of(23, 0)),
                "an end half an hour from now must fall on today");
        long teacher = insertTeacher("Сидоров С. С.", null);
        Map<String, Object> kiosk = registeredKiosk(random());
        String end = HH_MM.format(now.plusMinutes(30));
        long id = startAdhoc(teacher, kiosk.get("display_pin"), Map.of("discipline", "Пересдача", "lesson_end", end))
                .statusCode(201).body("lesson_end", equalTo(end)).extract().jsonPath().getLong("id");
        OffsetDateTime expires = sessionRow(id).getOffsetDateTime("expires_at");
        assertEquals(today().atTime(LocalTime.parse(end)).atZone(ZONE).toInstant(), expires.toInstant());

        long sessions = sessionCount();
        // an end that has passed, or beyond the longest session (2 h), is refused and writes nothing
        startAdhoc(teacher, kiosk.get("display_pin"), Map.of("discipline", "Пересдача", "lesson_end", "00:00"))
                .statusCode(400).body("error_code", equalTo("validation_error")).body("details.fields", hasKey("lesson_end"));
        startAdhoc(teacher, kiosk.get("display_pin"), Map.of("discipline", "Пересдача", "lesson_end", HH_MM.format(now.plusMinutes(181))))
                .statusCode(400).body("details.fields", hasKey("lesson_end"));
        startAdhoc(teacher, kiosk.get("display_pin"), Map.of("discipline", "Пересдача", "lesson_end", "25:00"))
                .statusCode(400).body("details.fields", hasKey("lesson_end"));
        assertEquals(sessions, sessionCount());
    }

    @Test
    void blankOversizedAndAmbiguousRequestsAreRefused() {
        long teacher = insertTeacher("Сидоров С. С.", null);
        Map<String, Object> kiosk = registeredKiosk(random());
        Object pin = kiosk.get("display_pin");
        for (String blank : new String[] { "", "   ", "\u00a0\u2003", "\u200b\t" }) {
            startAdhoc(teacher, pin, Map.of("discipline", blank)).statusCode(400)
                    .body("error_code", equalTo("validation_error")).body("details.fields", hasKey("discipline"));
        }
        startAdhoc(teacher, pin, Map.of("discipline", "ф".repeat(201))).statusCode(400).body("details.fields", hasKey("discipline"));
        // neither, or both, of a lesson key and a discipline; an end for a lesson of the timetable
        startAdhoc(teacher, pin, Map.of()).statusCode(400).body("details.fields", hasKey("lesson_key"));
        startAdhoc(teacher, pin, Map.of("discipline", "Физика", "lesson_key", "10:00-11:30-0")).statusCode(400)
                .body("details.fields", hasKey("lesson_key"));
        startAdhoc(teacher, pin, Map.of("lesson_key", "10:00-11:30-0", "lesson_end", "12:00")).statusCode(400)
                .body("details.fields", hasKey("lesson_end"));
        assertEquals(0, sessionCount());
        // 200 characters (letters, not bytes) is the limit
        startAdhoc(teacher, pin, Map.of("discipline", "ф".repeat(200))).statusCode(201);
    }

    @Test
    void anotherTeachersLiveLessonIsNeverClosedTheirOwnAndEndedOnesAre() {
        long first = insertTeacher("Первый П. П.", null);
        long second = insertTeacher("Второй В. В.", null);
        Map<String, Object> kiosk = registeredKiosk(random());
        Object pin = kiosk.get("display_pin");
        long a = startAdhoc(first, pin, Map.of("discipline", "Консультация")).statusCode(201).extract().jsonPath().getLong("id");

        startAdhoc(second, pin, Map.of("discipline", "Пересдача")).statusCode(409).body("error_code", equalTo("kiosk_busy"))
                .body("details.session_id", equalTo((int) a)).body("details.teacher_name", equalTo("Первый П. П."))
                .body("message", containsString("another teacher"));
        assertEquals("active", sessionRow(a).getString("status"));

        // the same teacher moves on: their own session is closed
        long b = startAdhoc(first, pin, Map.of("discipline", "Другая консультация")).statusCode(201).extract().jsonPath().getLong("id");
        assertEquals("closed", sessionRow(a).getString("status"));

        // once the first teacher's lesson has ended, the second may take the kiosk
        db.preparedQuery("update attendance_sessions set lesson_date = lesson_date - 1 where id = $1").execute(Tuple.of(b))
                .await().indefinitely();
        long c = startAdhoc(second, pin, Map.of("discipline", "Пересдача")).statusCode(201).extract().jsonPath().getLong("id");
        assertEquals("closed", sessionRow(b).getString("status"));
        assertEquals("active", sessionRow(c).getString("status"));
    }

    @Test
    void aTimetableLessonOfAnotherTeacherIsKeptToo() {
        long firstRuz = random();
        long secondRuz = random();
        long first = insertTeacher("Первый П. П.", firstRuz);
        long second = insertTeacher("Второй В. В.", secondRuz);
        long room = random();
        Map<String, Object> kiosk = registeredKiosk(room);
        // the first teacher's lesson lasts all day; the second has one in the same room (a timetable clash)
        stubRoomDay(room, lesson("Физика", "00:00", "23:59", firstRuz, "Первый П. П."),
                lesson("Химия", "00:00", "23:59", secondRuz, "Второй В. В."));
        long a = startTimetable(first, kiosk.get("display_pin"));
        as(teacherToken(second)).body(Map.of("display_pin", kiosk.get("display_pin"), "lesson_key", lessonKey(second, kiosk.get("display_pin"))))
                .post("/api/traffic/sessions").then().statusCode(409).body("error_code", equalTo("kiosk_busy"));
        assertEquals("active", sessionRow(a).getString("status"));
        as(teacherToken(first)).get("/api/traffic/sessions/" + a).then().statusCode(200).body("kind", equalTo("timetable"))
                .body("ended_at", nullValue());
    }

    private static String lessonKey(long teacher, Object pin) {
        return as(teacherToken(teacher)).body(Map.of("display_pin", pin)).post("/api/traffic/lessons/lookup").then().statusCode(200)
                .extract().jsonPath().getString("lessons[0].lesson_key");
    }

    private static long startTimetable(long teacher, Object pin) {
        return as(teacherToken(teacher)).body(Map.of("display_pin", pin, "lesson_key", lessonKey(teacher, pin)))
                .post("/api/traffic/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
