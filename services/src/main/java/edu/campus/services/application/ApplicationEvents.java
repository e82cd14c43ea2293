package edu.campus.services.application;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import edu.campus.events.Outbox;
import edu.campus.services.people.ActorKind;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The events services publishes about applications (through the outbox, in the transaction of the change): ids and the
 * facts a consumer (the bot's notifier) needs — never a form's answers, a reply's text or a file. Version 1 of each.
 */
@ApplicationScoped
public class ApplicationEvents {

    public static final String SUBMITTED = "services.application.submitted";
    public static final String STATUS_CHANGED = "services.application.status_changed";
    public static final String REPLIED = "services.application.replied";
    public static final String ASSIGNED = "services.application.assigned";

    @RegisterForReflection
    public record Submitted(long applicationId, long serviceId, long departmentId, long studentId, ApplicationStatus status, int files) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusChanged(long applicationId, long departmentId, long studentId, ApplicationStatus from, ApplicationStatus to,
            ActorKind by) {
    }

    @RegisterForReflection
    public record Replied(long applicationId, long replyId, long departmentId, long studentId, ActorKind by, int files) {
    }

    /** {@code executor_id} null: the application was unassigned. */
    @RegisterForReflection
    public record Assigned(long applicationId, long departmentId, long studentId, Long executorId) {
    }

    private final Outbox outbox;

    ApplicationEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> submitted(SqlClient tx, Submitted event) {
        return outbox.add(tx, SUBMITTED, 1, event).replaceWithVoid();
    }

    public Uni<Void> statusChanged(SqlClient tx, StatusChanged event) {
        return outbox.add(tx, STATUS_CHANGED, 1, event).replaceWithVoid();
    }

    public Uni<Void> replied(SqlClient tx, Replied event) {
        return outbox.add(tx, REPLIED, 1, event).replaceWithVoid();
    }

    public Uni<Void> assigned(SqlClient tx, Assigned event) {
        return outbox.add(tx, ASSIGNED, 1, event).replaceWithVoid();
    }
}
