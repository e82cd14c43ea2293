package edu.campus.bot.notify;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.events.ReceivedEvent;
import edu.campus.events.ReceivedEvent.PoisonEvent;

/**
 * Which events become messages, to whom, saying what (Russian, plain text, no personal data beyond what the recipient
 * already knows): a student hears when their application's status changes and when it is answered.
 */
@ApplicationScoped
public class Notifications {

    public static final String STATUS_CHANGED = "services.application.status_changed";
    public static final String REPLIED = "services.application.replied";

    /** Who gets it: a student of main, by id. */
    public record Notice(long studentId, String text) {
        public String recipient() {
            return "student:" + studentId;
        }
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
            case STATUS_CHANGED -> Optional.of(statusChanged(supported(event)));
            case REPLIED -> Optional.of(replied(supported(event)));
            default -> Optional.empty();
        };
    }

    private static ReceivedEvent supported(ReceivedEvent event) {
        if (event.version() != 1) {
            throw new PoisonEvent(event.type() + " version " + event.version() + " is not known to the notifier");
        }
        return event;
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
        return new Notice(event.requireLong("student_id"), text);
    }

    private static Notice replied(ReceivedEvent event) {
        long application = event.requireLong("application_id");
        return new Notice(event.requireLong("student_id"),
                "По заявке №" + application + " пришёл ответ. Откройте раздел «Заявки», чтобы прочитать его.");
    }
}
