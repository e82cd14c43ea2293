package edu.campus.traffic.attendance;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.Page;
import edu.campus.traffic.attendance.AttendanceDtos.SessionView;
import edu.campus.traffic.kiosk.KioskNotify;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code attendance_sessions} table: every statement that writes it, and the session views. */
@ApplicationScoped
public class SessionStore {

    private static final String VIEW_COLUMNS = """
            s.id, s.status, s.discipline, s.teacher_name, s.teacher_id, s.kiosk_id, s.building_name, s.room_name, s.lesson_date,
            s.lesson_start, s.lesson_end, s.started_at, s.expires_at, s.ended_at, s.rotation_seconds, s.kind,
            (select count(*) from marks m where m.session_id = s.id) as attendees
            """;

    /**
     * What a new session records: the lesson as schedule gave it (null for an ad-hoc session), where and by whom it is
     * held, and how long it may last.
     */
    public record NewSession(long kioskId, long teacherId, String teacherName, SessionKind kind, String discipline, JsonObject lesson,
            LocalDate lessonDate, String lessonStart, String lessonEnd, String roomName, String buildingName, byte[] secret,
            int rotationSeconds, OffsetDateTime expiresAt) {
    }

    /** What a mark needs of its session; immutable once the session exists. */
    public record SessionKey(byte[] secret, int rotationSeconds, String discipline) {
    }

    private final Pool db;

    SessionStore(Pool db) {
        this.db = db;
    }

    /** The one statement that ends a kiosk's active session (a new session, an unbind or a delete of the kiosk); what it ended. */
    public Uni<List<SessionView>> closeActiveOnKiosk(SqlClient tx, long kioskId) {
        return tx.preparedQuery("update attendance_sessions s set status = 'closed', ended_at = now() where s.kiosk_id = $1 and s.status = 'active' "
                + "returning " + VIEW_COLUMNS).execute(Tuple.of(kioskId)).map(SessionStore::all);
    }

    /** Closes a teacher's active sessions and announces their kiosks' change; what it closed. */
    public Uni<List<SessionView>> closeActiveOfTeacher(SqlClient tx, long teacherId) {
        return tx.preparedQuery("update attendance_sessions s set status = 'closed', ended_at = now() where s.teacher_id = $1 "
                + "and s.status = 'active' returning " + VIEW_COLUMNS + ", " + KioskNotify.sql("s.kiosk_id"))
                .execute(Tuple.of(teacherId)).map(SessionStore::all);
    }

    /** The kiosk's active session, locked for the rest of {@code tx} (the caller holds the kiosk's lock too). */
    public Uni<Optional<KioskTakeover.Occupant>> activeOnKiosk(SqlClient tx, long kioskId) {
        return tx.preparedQuery("""
                select id, teacher_id, teacher_name, lesson_date, lesson_start, lesson_end, expires_at
                from attendance_sessions where kiosk_id = $1 and status = 'active' for update
                """).execute(Tuple.of(kioskId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new KioskTakeover.Occupant(row.getLong("id"), row.getLong("teacher_id"), row.getString("teacher_name"),
                            row.getLocalDate("lesson_date"), row.getString("lesson_start"), row.getString("lesson_end"),
                            row.getOffsetDateTime("expires_at").toInstant()));
                });
    }

    /** Inserts an active session and announces the kiosk's change; the new session's view. */
    public Uni<SessionView> insert(SqlClient tx, NewSession s) {
        return tx.preparedQuery("""
                insert into attendance_sessions as s (kiosk_id, teacher_id, teacher_name, discipline, lesson, lesson_date,
                       lesson_start, lesson_end, room_name, building_name, secret, rotation_seconds, expires_at, kind)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                returning\s""" + VIEW_COLUMNS + ", " + KioskNotify.sql("s.kiosk_id"))
                .execute(Tuple.from(new Object[] { s.kioskId(), s.teacherId(), s.teacherName(), s.discipline(), s.lesson(),
                        s.lessonDate(), s.lessonStart(), s.lessonEnd(), s.roomName(), s.buildingName(), Buffer.buffer(s.secret()),
                        s.rotationSeconds(), s.expiresAt(), s.kind().name() }))
                .map(rows -> view(rows.iterator().next()));
    }

    public Uni<Optional<SessionView>> byId(long id) {
        return db.preparedQuery("select " + VIEW_COLUMNS + " from attendance_sessions s where s.id = $1").execute(Tuple.of(id))
                .map(SessionStore::first);
    }

    public Uni<Page<SessionView>> byTeacher(long teacherId, SessionStatus status, int page, int size) {
        String where = " where s.teacher_id = $1 and ($2::text is null or s.status = $2)";
        String statusName = status == null ? null : status.name();
        return db.preparedQuery("select " + VIEW_COLUMNS + " from attendance_sessions s" + where
                + " order by s.started_at desc, s.id desc limit $3 offset $4")
                .execute(Tuple.of(teacherId, statusName, size, (long) page * size))
                .flatMap(rows -> db.preparedQuery("select count(*) from attendance_sessions s" + where)
                        .execute(Tuple.of(teacherId, statusName))
                        .map(count -> {
                            List<SessionView> items = new ArrayList<>(rows.size());
                            rows.forEach(row -> items.add(view(row)));
                            return new Page<>(items, page, size, count.iterator().next().getLong(0));
                        }));
    }

    /** Closes an active session and announces its kiosk's change; empty when it was not active (any more). */
    public Uni<Optional<SessionView>> close(SqlClient tx, long id) {
        return tx.preparedQuery("update attendance_sessions s set status = 'closed', ended_at = now() where s.id = $1 and s.status = 'active' "
                + "returning " + VIEW_COLUMNS + ", " + KioskNotify.sql("s.kiosk_id")).execute(Tuple.of(id))
                .map(SessionStore::first);
    }

    /** Ends every active session past its maximum length (announcing their kiosks' change); what it ended. */
    public Uni<List<SessionView>> expireDue(SqlClient tx) {
        return tx.query("update attendance_sessions s set status = 'expired', ended_at = now() "
                + "where s.status = 'active' and s.expires_at <= now() returning " + VIEW_COLUMNS + ", " + KioskNotify.sql("s.kiosk_id"))
                .execute().map(SessionStore::all);
    }

    private static List<SessionView> all(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<SessionView> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(view(row)));
        return list;
    }

    public Uni<Optional<SessionKey>> key(long id) {
        return db.preparedQuery("select secret, rotation_seconds, discipline from attendance_sessions where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new SessionKey(row.getBuffer("secret").getBytes(), row.getInteger("rotation_seconds"),
                            row.getString("discipline")));
                });
    }

    private static Optional<SessionView> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(view(rows.iterator().next())) : Optional.empty();
    }

    private static SessionView view(Row row) {
        return new SessionView(row.getLong("id"), SessionStatus.valueOf(row.getString("status")), row.getString("discipline"),
                row.getString("teacher_name"), row.getLong("teacher_id"), row.getLong("kiosk_id"), row.getString("building_name"),
                row.getString("room_name"), row.getLocalDate("lesson_date"), row.getString("lesson_start"), row.getString("lesson_end"),
                row.getOffsetDateTime("started_at"), row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("ended_at"),
                row.getLong("attendees"), row.getInteger("rotation_seconds"), SessionKind.valueOf(row.getString("kind")));
    }
}
