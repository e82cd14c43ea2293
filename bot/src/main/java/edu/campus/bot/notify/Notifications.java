package edu.campus.bot.notify;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.events.ReceivedEvent;
import edu.campus.events.ReceivedEvent.PoisonEvent;

/**
 * Which events become messages, to whom, saying what (Russian, plain text, no personal data beyond what the recipient
 * already knows): a student hears when their application's status changes and when it is answered; a teacher hears
 * that their attendance session ended and how many students were marked.
 */
@ApplicationScoped
public class Notifications {

    public static final String STATUS_CHANGED = "services.application.status_changed";
    public static final String REPLIED = "services.application.replied";
    public static final String SESSION_CLOSED = "traffic.session.closed";

    /** Who gets a notice: a student of main, or an account of SSO by its app, role and entity id. */
    public sealed interface Recipient {
        String key();
    }

    public record Student(long studentId) implements Recipient {
        @Override
        public String key() {
            return "student:" + studentId;
        }
    }

    public record Account(String app, String role, long entityId) implements Recipient {
        @Override
        public String key() {
            return app + ":" + role + ":" + entityId;
        }
    }

    public record Notice(Recipient recipient, String text) {
    }

    private static final Map<String, String> STATUS = Map.of(
            "pending", "ожидает рассмотрения",
            "in_progress", "в работе",
            "completed", "выполнена",
            "rejected", "отклонена");

    /** The notice for an event, or empty when it is not for anyone (an event type this consumer does not notify about). */
    public Optional<Notice> of(ReceivedEvent event) {
        if ("student".equals(event.data().getValue("by"))) {
            return Optional.empty(); // the student's own doing: nothing to tell them
        }
        return switch (event.type()) {
            case STATUS_CHANGED -> Optional.of(statusChanged(event.requireVersion(1)));
            case REPLIED -> Optional.of(replied(event.requireVersion(1)));
            case SESSION_CLOSED -> sessionClosed(event.requireVersion(1));
            default -> Optional.empty();
        };
    }

    private static Notice statusChanged(ReceivedEvent event) {
        long application = event.requireLong("application_id");
        String to = event.requireString("to");
        String status = STATUS.get(to);
        if (status == null) {
            throw new PoisonEvent("unknown application status " + to);
        }
        String text = "Заявка №" + application + ": " + status + ".";
        if ("completed".equals(to) || "rejected".equals(to)) {
            text += " Подробности — в разделе «Заявки».";
        }
        return new Notice(new Student(event.requireLong("student_id")), text);
    }

    private static Notice replied(ReceivedEvent event) {
        long application = event.requireLong("application_id");
        return new Notice(new Student(event.requireLong("student_id")),
                "По заявке №" + application + " пришёл ответ. Откройте раздел «Заявки», чтобы прочитать его.");
    }

    /** The teacher hears how many were marked (a session whose teacher was deleted tells nobody). */
    private static Optional<Notice> sessionClosed(ReceivedEvent event) {
        if (!(event.data().getValue("teacher_id") instanceof Number teacher)) {
            return Optional.empty();
        }
        long marks = event.requireLong("marks");
        String discipline = event.requireString("discipline");
        String why = switch (event.data().getString("reason", "")) {
            case "expired" -> " (время сессии истекло)";
            case "takeover" -> " (киоск занял другой преподаватель)";
            case "kiosk" -> " (киоск отвязан от аудитории)";
            default -> "";
        };
        return Optional.of(new Notice(new Account("traffic", "teacher", teacher.longValue()),
                "Занятие «" + discipline + "» завершено" + why + ": отмечено " + marks + " " + students(marks) + "."));
    }

    /** "студент", "студента", "студентов" as Russian counts them. */
    static String students(long n) {
        long lastTwo = n % 100;
        long last = n % 10;
        if (lastTwo >= 11 && lastTwo <= 14) {
            return "студентов";
        }
        return last == 1 ? "студент" : last >= 2 && last <= 4 ? "студента" : "студентов";
    }
}
