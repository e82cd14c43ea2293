package edu.campus.traffic.attendance;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import edu.campus.events.Outbox;
import edu.campus.traffic.attendance.AttendanceDtos.SessionView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The events traffic publishes about attendance sessions (through the outbox, in the transaction that opens or ends
 * the session): ids, the room and the lesson, and at the end how many students were marked — never a student's
 * identity or the session's secret. Version 1 of each.
 */
@ApplicationScoped
public class SessionEvents {

    public static final String OPENED = "traffic.session.opened";
    public static final String CLOSED = "traffic.session.closed";

    /**
     * Why a session ended: its teacher closed it, its kiosk was taken over, unbound or deleted, its time ran out, or SSO
     * deactivated or deleted its teacher's account.
     */
    public enum Reason {
        teacher, takeover, kiosk, expired, account
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Opened(long sessionId, Long teacherId, Long kioskId, SessionKind kind, String discipline, String buildingName,
            String roomName, LocalDate lessonDate, String lessonStart, String lessonEnd, OffsetDateTime expiresAt) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Closed(long sessionId, Long teacherId, Long kioskId, SessionKind kind, String discipline, SessionStatus status,
            Reason reason, OffsetDateTime startedAt, OffsetDateTime endedAt, long marks) {
    }

    private final Outbox outbox;

    SessionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> opened(SqlClient tx, SessionView s) {
        return outbox.add(tx, OPENED, 1, new Opened(s.id(), s.teacherId(), s.kioskId(), s.kind(), s.discipline(), s.buildingName(),
                s.roomName(), s.lessonDate(), s.lessonStart(), s.lessonEnd(), s.expiresAt())).replaceWithVoid();
    }

    /** One event per ended session (none for an empty list). */
    public Uni<Void> closed(SqlClient tx, List<SessionView> sessions, Reason reason) {
        return Multi.createFrom().iterable(sessions)
                .onItem().transformToUniAndConcatenate(s -> outbox.add(tx, CLOSED, 1, new Closed(s.id(), s.teacherId(), s.kioskId(),
                        s.kind(), s.discipline(), s.status(), reason, s.startedAt(), s.endedAt(), s.attendeeCount())))
                .collect().last().replaceWithVoid();
    }
}
