package edu.campus.e2e;

import static edu.campus.e2e.Platform.as;
import static edu.campus.e2e.Platform.firstEvent;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** A kiosk's life through the gateway: init, bound by an admin, a lesson started by its display PIN, seen live, closed, exported. */
class KioskIT {

    @Test
    void aKiosksLife() {
        Classroom room = Classroom.ready(17001, "Ёлкин Пётр Ильич");
        String admin = room.admin();
        String teacher = room.teacher();
        Kiosk kiosk = room.kiosk();
        try {
            assertEquals("idle", kiosk.state().getString("state"));
            assertEquals(Kiosk.ROOM, kiosk.state().getLong("place.room_id"));

            // the kiosk's own stream (what the page listens to) shows the lesson as the teacher starts it
            long[] session = new long[1];
            JsonPath active = firstEvent("/api/traffic/kiosks/events", kiosk.deviceSecret(), event -> "active".equals(event.get("state")),
                    Duration.ofSeconds(20), () -> session[0] = kiosk.startLesson(teacher));
            assertEquals(session[0], active.getLong("session.id"));
            // ...and its poll (the fallback) too
            JsonPath polled = kiosk.state();
            assertEquals("active", polled.getString("state"));
            assertEquals(session[0], polled.getLong("session.id"));

            // a student marks with the QR the kiosk draws (a launch token as main gives it, minted with the runner's key)
            String student = Platform.campus("launch-token", "4242", "traffic");
            as(student).body(Map.of("qr_token", Platform.qr(session[0], polled.getString("session.secret"))))
                    .post("/api/traffic/sessions/" + session[0] + "/marks").then().statusCode(201);

            // the admins' live view of every door sees the kiosk go idle when the teacher closes the session
            JsonPath idle = firstEvent("/api/traffic/admin/kiosks/events", admin,
                    event -> Objects.equals(event.get("id"), (int) kiosk.id()) && "idle".equals(event.get("state")), Duration.ofSeconds(20),
                    () -> as(teacher).post("/api/traffic/sessions/" + session[0] + "/close").then().statusCode(200)
                            .body("status", equalTo("closed")));
            assertNull(idle.get("active_session"));
            assertEquals("idle", kiosk.state().getString("state"));

            as(teacher).get("/api/traffic/sessions/" + session[0] + "/attendees.csv").then().statusCode(200)
                    .contentType(startsWith("text/csv")).body(containsString("4242,Студент 4242,s4242@example.edu,"));
            as(teacher).get("/api/traffic/sessions/" + session[0]).then().statusCode(200).body("status", equalTo("closed"))
                    .body("attendee_count", is(1));
        } finally {
            room.leave();
        }
    }
}
