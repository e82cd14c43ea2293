package edu.campus.traffic.attendance;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.traffic.attendance.AttendanceDtos.Attendee;
import edu.campus.traffic.attendance.AttendanceDtos.ManualMark;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code marks} table: one row per student and session (its primary key), whatever arrives together. */
@ApplicationScoped
public class MarkStore {

    /** QR marks of a batch ({@link MarkBatcher}): inserted only into a live session, nothing on a repeat. */
    private static final String INSERT_QR = """
            insert into marks (session_id, student_id, student_name, student_email, student_group, method, marked_by)
            select v.session_id, v.student_id, v.name, v.email, v.grp, 'qr', 'student'
            from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[]) as v(session_id, student_id, name, email, grp)
            join attendance_sessions s on s.id = v.session_id and s.status = 'active' and s.expires_at > now()
            on conflict (session_id, student_id) do nothing
            returning session_id, student_id, marked_at
            """;

    /** Why the marks the insert skipped were skipped (a fresh snapshot: it sees marks committed meanwhile). */
    private static final String EXPLAIN = """
            select v.session_id, v.student_id, m.marked_at, s.status, s.expires_at > now() as live
            from unnest($1::bigint[], $2::bigint[]) as v(session_id, student_id)
            left join marks m on m.session_id = v.session_id and m.student_id = v.student_id
            left join attendance_sessions s on s.id = v.session_id
            """;

    private static final String INSERT_MANUAL = """
            insert into marks (session_id, student_id, student_name, student_email, student_group, method, marked_by)
            values ($1, $2, $3, $4, $5, 'manual', $6)
            on conflict (session_id, student_id) do nothing
            returning marked_at
            """;

    private final Pool db;

    MarkStore(Pool db) {
        this.db = db;
    }

    /** Rows of {@code session_id, student_id, marked_at} for the marks written. */
    Uni<RowSet<Row>> insertQr(Long[] sessions, Long[] students, String[] names, String[] emails, String[] groups) {
        return db.preparedQuery(INSERT_QR).execute(Tuple.of(sessions, students, names, emails, groups));
    }

    /** Rows of {@code session_id, student_id, marked_at, status, live} for marks that were not written. */
    Uni<RowSet<Row>> explain(Long[] sessions, Long[] students) {
        return db.preparedQuery(EXPLAIN).execute(Tuple.of(sessions, students));
    }

    /** A teacher's mark: the time it was written, or empty when the student was marked already. */
    public Uni<Optional<OffsetDateTime>> insertManual(long sessionId, long studentId, ManualMark mark, String markedBy) {
        return db.preparedQuery(INSERT_MANUAL).execute(Tuple.from(new Object[] { sessionId, studentId, mark.studentName(),
                mark.studentEmail(), mark.studentGroup(), markedBy }))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getOffsetDateTime("marked_at"))
                        : Optional.empty());
    }

    public Uni<OffsetDateTime> markedAt(long sessionId, long studentId) {
        return db.preparedQuery("select marked_at from marks where session_id = $1 and student_id = $2")
                .execute(Tuple.of(sessionId, studentId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getOffsetDateTime("marked_at") : null);
    }

    /** True when there was a mark to remove. */
    public Uni<Boolean> delete(long sessionId, long studentId) {
        return db.preparedQuery("delete from marks where session_id = $1 and student_id = $2").execute(Tuple.of(sessionId, studentId))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<List<Attendee>> attendees(long sessionId) {
        return db.preparedQuery("""
                select student_id, student_name, student_email, student_group, marked_at, method, marked_by
                from marks where session_id = $1 order by marked_at, student_id
                """).execute(Tuple.of(sessionId)).map(rows -> {
            List<Attendee> list = new ArrayList<>(rows.size());
            rows.forEach(row -> list.add(new Attendee(row.getLong("student_id"), row.getString("student_name"),
                    row.getString("student_email"), row.getString("student_group"), row.getOffsetDateTime("marked_at"),
                    MarkMethod.valueOf(row.getString("method")), row.getString("marked_by"))));
            return list;
        });
    }
}
