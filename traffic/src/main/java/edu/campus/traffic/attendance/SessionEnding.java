package edu.campus.traffic.attendance;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.traffic.attendance.AttendanceDtos.SessionView;
import edu.campus.traffic.attendance.SessionEvents.Reason;
import edu.campus.traffic.kiosk.KioskSessions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** Ends active sessions (a kiosk's, a teacher's) inside the caller's transaction and publishes their end with it. */
@ApplicationScoped
public class SessionEnding implements KioskSessions {

    private final SessionStore sessions;
    private final SessionEvents events;

    SessionEnding(SessionStore sessions, SessionEvents events) {
        this.sessions = sessions;
        this.events = events;
    }

    /** The kiosk is unbound or deleted: its session ends. */
    @Override
    public Uni<Void> closeActiveOnKiosk(SqlClient tx, long kioskId) {
        return endOnKiosk(tx, kioskId, Reason.kiosk).replaceWithVoid();
    }

    public Uni<List<SessionView>> endOnKiosk(SqlClient tx, long kioskId, Reason reason) {
        return sessions.closeActiveOnKiosk(tx, kioskId).call(closed -> events.closed(tx, closed, reason));
    }

    /** SSO deactivated or deleted the teacher's account: their running sessions end (their kiosks are told by NOTIFY). */
    public Uni<List<SessionView>> endForTeacher(SqlClient tx, long teacherId) {
        return sessions.closeActiveOfTeacher(tx, teacherId).call(closed -> events.closed(tx, closed, Reason.account));
    }
}
