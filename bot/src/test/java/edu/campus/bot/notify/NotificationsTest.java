package edu.campus.bot.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import edu.campus.bot.notify.Notifications.Account;
import edu.campus.bot.notify.Notifications.Student;
import edu.campus.events.ReceivedEvent;
import edu.campus.events.ReceivedEvent.PoisonEvent;
import io.vertx.core.json.JsonObject;

class NotificationsTest {

    private final Notifications notifications = new Notifications();

    private static ReceivedEvent event(String type, int version, Map<String, Object> data) {
        return ReceivedEvent.parse(new JsonObject().put("id", UUID.randomUUID().toString()).put("type", type).put("version", version)
                .put("occurred_at", "2026-12-01T10:00:00Z").put("data", new JsonObject(data)).encode().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void russianCountsOfStudents() {
        assertEquals("студентов", Notifications.students(0));
        assertEquals("студент", Notifications.students(1));
        assertEquals("студента", Notifications.students(3));
        assertEquals("студентов", Notifications.students(5));
        assertEquals("студентов", Notifications.students(11));
        assertEquals("студентов", Notifications.students(114));
        assertEquals("студент", Notifications.students(101));
        assertEquals("студента", Notifications.students(22));
    }

    @Test
    void whoHearsWhat() {
        var changed = notifications.of(event("services.application.status_changed", 1,
                Map.of("application_id", 4, "student_id", 9, "from", "in_progress", "to", "rejected", "by", "staff"))).orElseThrow();
        assertEquals(new Student(9), changed.recipient());
        assertEquals("Заявка №4: отклонена. Подробности — в разделе «Заявки».", changed.text());
        var closed = notifications.of(event("traffic.session.closed", 1, Map.of("teacher_id", 7, "discipline", "Химия", "marks", 3,
                "reason", "expired"))).orElseThrow();
        assertEquals(new Account("traffic", "teacher", 7), closed.recipient());
        assertTrue(closed.text().endsWith("(время сессии истекло): отмечено 3 студента."), closed.text());
        assertTrue(notifications.of(event("services.application.submitted", 1, Map.of("application_id", 1))).isEmpty());
    }

    @Test
    void whatCannotBeUnderstoodIsPoison() {
        assertThrows(PoisonEvent.class, () -> notifications.of(event("services.application.replied", 2, Map.of("application_id", 1))));
        assertThrows(PoisonEvent.class, () -> notifications.of(event("services.application.replied", 1, Map.of("student_id", 1))));
        assertThrows(PoisonEvent.class, () -> notifications.of(event("services.application.status_changed", 1,
                Map.of("application_id", 1, "student_id", 1, "to", "lost"))));
        assertThrows(PoisonEvent.class, () -> ReceivedEvent.parse("[]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(PoisonEvent.class, () -> ReceivedEvent.parse("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(PoisonEvent.class, () -> ReceivedEvent.parse(("{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"Bad Type\",\"version\":1,"
                + "\"occurred_at\":\"2026-12-01T10:00:00Z\",\"data\":{}}").getBytes(StandardCharsets.UTF_8)));
    }
}
