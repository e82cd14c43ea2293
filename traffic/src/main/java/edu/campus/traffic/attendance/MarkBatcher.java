package edu.campus.traffic.attendance;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Group commit for QR marks. Every mark is one durable row, and on two cores the commit (WAL flush) is what a mark
 * costs; so marks that arrive while earlier ones are being written go together in one statement and one commit.
 * No timer and no added wait: an idle system writes a mark at once, a busy one writes everything that queued up
 * meanwhile (at most {@link #MAX_BATCH}), with up to {@link #MAX_IN_FLIGHT} statements in flight.
 * <p>
 * Each mark still gets its own answer: inserted now, already there, or why not (no such session, session over).
 * The insert is conditional on the session being active and does nothing on a repeat, so one student has one row
 * per session whatever arrives together; a repeat inside one batch answers {@code already_marked}.
 */
@ApplicationScoped
public class MarkBatcher {

    static final int MAX_BATCH = 256;
    static final int MAX_IN_FLIGHT = 4;

    private static final String INSERT = """
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

    /** What became of one mark. {@code status}: marked, already_marked, no_session, closed, expired, retry. */
    public record Outcome(String status, OffsetDateTime markedAt) {
    }

    public record Mark(long sessionId, long studentId, String name, String email, String group) {
    }

    private record Pending(Mark mark, UniEmitter<? super Outcome> answer) {
    }

    private record Key(long sessionId, long studentId) {
    }

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Pool db;

    MarkBatcher(Pool db) {
        this.db = db;
    }

    public Uni<Outcome> submit(Mark mark) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(mark, emitter));
            drain();
        });
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int running = inFlight.get();
            if (running >= MAX_IN_FLIGHT) {
                return; // a finishing statement drains again
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            Pending next;
            while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            write(batch).subscribe().with(ignored -> done(), failure -> {
                batch.forEach(p -> p.answer().fail(failure));
                done();
            });
        }
    }

    private void done() {
        inFlight.decrementAndGet();
        drain();
    }

    private Uni<Void> write(List<Pending> batch) {
        // one row per (session, student) in the statement; later copies share the first one's fate
        Map<Key, List<Pending>> byKey = new HashMap<>();
        List<Mark> unique = new ArrayList<>();
        for (Pending p : batch) {
            List<Pending> same = byKey.computeIfAbsent(new Key(p.mark().sessionId(), p.mark().studentId()), k -> new ArrayList<>());
            if (same.isEmpty()) {
                unique.add(p.mark());
            }
            same.add(p);
        }
        int n = unique.size();
        Long[] sessions = new Long[n];
        Long[] students = new Long[n];
        String[] names = new String[n];
        String[] emails = new String[n];
        String[] groups = new String[n];
        for (int i = 0; i < n; i++) {
            Mark m = unique.get(i);
            sessions[i] = m.sessionId();
            students[i] = m.studentId();
            names[i] = m.name();
            emails[i] = m.email();
            groups[i] = m.group();
        }
        return db.preparedQuery(INSERT).execute(Tuple.of(sessions, students, names, emails, groups)).flatMap(rows -> {
            for (Row row : rows) {
                answer(byKey.remove(new Key(row.getLong("session_id"), row.getLong("student_id"))),
                        new Outcome("marked", row.getOffsetDateTime("marked_at")));
            }
            if (byKey.isEmpty()) {
                return Uni.createFrom().voidItem(); // the common case: every mark is new
            }
            return db.preparedQuery(EXPLAIN).execute(Tuple.of(byKey.keySet().stream().map(Key::sessionId).toArray(Long[]::new),
                    byKey.keySet().stream().map(Key::studentId).toArray(Long[]::new)))
                    .map(explained -> {
                        for (Row row : explained) {
                            answer(byKey.remove(new Key(row.getLong("session_id"), row.getLong("student_id"))), skipped(row));
                        }
                        return null;
                    });
        });
    }

    private static Outcome skipped(Row row) {
        if (row.getOffsetDateTime("marked_at") != null) {
            return new Outcome("already_marked", row.getOffsetDateTime("marked_at"));
        }
        String status = row.getString("status");
        if (status == null) {
            return new Outcome("no_session", null);
        }
        if (!"active".equals(status)) {
            return new Outcome(status, null);
        }
        // active but not live: expired; active and live but not inserted: unmarked between the two statements
        return new Outcome(Boolean.TRUE.equals(row.getBoolean("live")) ? "retry" : "expired", null);
    }

    private static void answer(List<Pending> same, Outcome outcome) {
        if (same == null) {
            return;
        }
        same.get(0).answer().complete(outcome);
        Outcome repeat = "marked".equals(outcome.status()) ? new Outcome("already_marked", outcome.markedAt()) : outcome;
        for (int i = 1; i < same.size(); i++) {
            same.get(i).answer().complete(repeat);
        }
    }
}
