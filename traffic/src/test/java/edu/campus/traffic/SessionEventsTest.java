package edu.campus.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.events.testing.TestBroker;
import edu.campus.events.testing.TestBroker.Received;
import edu.campus.traffic.attendance.SessionExpiry;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class SessionEventsTest extends TrafficTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SessionExpiry expiry;

    private static JsonNode await(List<Received> received, String type, long sessionId) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            for (Received r : List.copyOf(received)) {
                JsonNode event = JSON.readTree(r.body());
                if (r.routingKey().equals(type) && event.at("/data/session_id").asLong() == sessionId) {
                    assertEquals(r.messageId(), event.get("id").asText());
                    return event;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type + " for session " + sessionId + " in " + received);
    }

    @Test
    void aSessionsOpeningAndItsCloseWithTheMarkCountArePublished() throws Exception {
        List<Received> received = TestBroker.listen("traffic.session.*");
        Setup s = activeSession();
        JsonNode opened = await(received, "traffic.session.opened", s.sessionId());
        assertEquals(1, opened.get("version").asInt());
        assertEquals(s.teacherId(), opened.at("/data/teacher_id").asLong());
        assertEquals(s.kioskId(), opened.at("/data/kiosk_id").asLong());
        assertEquals("Физика", opened.at("/data/discipline").asText());
        assertEquals("timetable", opened.at("/data/kind").asText());

        String path = "/api/traffic/sessions/" + s.sessionId() + "/attendees/";
        as(teacherToken(s.teacherId())).body(Map.of("student_name", "Смирнов Олег")).put(path + 7001).then().statusCode(201);
        as(teacherToken(s.teacherId())).body(Map.of("student_name", "Петрова Анна")).put(path + 7002).then().statusCode(201);
        as(teacherToken(s.teacherId())).post("/api/traffic/sessions/" + s.sessionId() + "/close").then().statusCode(200);
        JsonNode closed = await(received, "traffic.session.closed", s.sessionId());
        assertEquals(2, closed.at("/data/marks").asInt());
        assertEquals("teacher", closed.at("/data/reason").asText());
        assertEquals("closed", closed.at("/data/status").asText());
        assertEquals(s.teacherId(), closed.at("/data/teacher_id").asLong());
        assertTrue(received.stream().noneMatch(r -> r.body().contains("Смирнов") || r.body().contains("secret")),
                "no students' names and no session secret in events");

        // closing again changes nothing and publishes nothing
        as(teacherToken(s.teacherId())).post("/api/traffic/sessions/" + s.sessionId() + "/close").then().statusCode(200);
        Thread.sleep(500);
        assertEquals(1, received.stream().filter(r -> r.routingKey().equals("traffic.session.closed")).count());
    }

    @Test
    void anExpiredSessionAndOneEndedByItsKioskArePublishedWithTheirReason() throws Exception {
        List<Received> received = TestBroker.listen("traffic.session.closed");
        Setup first = activeSession();
        db.preparedQuery("update attendance_sessions set expires_at = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(first.sessionId())).await().indefinitely();
        assertEquals(1, expiry.run().await().indefinitely());
        JsonNode expired = await(received, "traffic.session.closed", first.sessionId());
        assertEquals("expired", expired.at("/data/reason").asText());
        assertEquals("expired", expired.at("/data/status").asText());
        assertEquals(0, expired.at("/data/marks").asInt());

        Setup second = activeSession();
        as(adminToken()).delete("/api/traffic/admin/kiosks/" + second.kioskId() + "/room").then().statusCode(200);
        JsonNode unbound = await(received, "traffic.session.closed", second.sessionId());
        assertEquals("kiosk", unbound.at("/data/reason").asText());
        // the outbox row and the change committed together: nothing is left unsent
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && db.query("select count(*) from outbox where sent_at is null").execute()
                .await().indefinitely().iterator().next().getLong(0) > 0) {
            Thread.sleep(50);
        }
        assertEquals(0L, db.query("select count(*) from outbox where sent_at is null").execute().await().indefinitely().iterator().next()
                .getLong(0));
    }

    @Test
    void aTeachersNextSessionOnTheSameKioskEndsTheirOwnWithReasonTeacher() throws Exception {
        List<Received> received = TestBroker.listen("traffic.session.closed");
        Setup s = activeSession();
        String key = as(teacherToken(s.teacherId())).body(Map.of("display_pin", s.displayPin())).post("/api/traffic/lessons/lookup")
                .then().statusCode(200).extract().jsonPath().getString("lessons[0].lesson_key");
        as(teacherToken(s.teacherId())).body(Map.of("display_pin", s.displayPin(), "lesson_key", key)).post("/api/traffic/sessions")
                .then().statusCode(201);
        assertEquals("teacher", await(received, "traffic.session.closed", s.sessionId()).at("/data/reason").asText());
    }
}
