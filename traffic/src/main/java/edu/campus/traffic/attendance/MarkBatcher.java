package edu.campus.traffic.attendance;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import edu.campus.common.error.ApiException;
import edu.campus.common.web.DatabaseFailures;
import edu.campus.traffic.TrafficConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Group commit for QR marks. Every mark is one durable row, and on two cores the commit (WAL flush) is what a mark
 * costs; so marks that arrive while earlier ones are being written go together in one statement and one commit.
 * No timer and no added wait: an idle system writes a mark at once, a busy one writes everything that queued up
 * meanwhile (at most {@link #MAX_BATCH}), with up to {@link #MAX_IN_FLIGHT} statements in flight.
 * <p>
 * Each mark still gets its own answer: inserted now, already there, or why not (no such session, session over).
 * The insert is conditional on the session being active and does nothing on a repeat, so one student has one row
 * per session whatever arrives together; a repeat inside one batch answers {@code already_marked}.
 * <p>
 * Bounded under faults: at most {@code traffic.marks.max-queued} marks wait (more: 503 {@code marks_overloaded});
 * a mark not answered within {@code traffic.marks.deadline} gets a 503 {@code mark_timeout} and, if it was still
 * waiting, is never written; a batch that fails for one of its rows is written again row by row, so a bad row fails
 * only itself; at shutdown new marks are refused and queued ones are given {@code traffic.marks.drain-timeout}.
 */
@ApplicationScoped
public class MarkBatcher {

    static final int MAX_BATCH = 256;
    static final int MAX_IN_FLIGHT = 4;

    /** What became of one mark, and when it was written (marked, already_marked). */
    public record Outcome(MarkOutcome status, OffsetDateTime markedAt) {
    }

    public record Mark(long sessionId, long studentId, String name, String email, String group) {
    }

    /** A waiting mark; {@code over} once its caller has an answer or stopped waiting (its deadline passed). */
    private record Pending(Mark mark, UniEmitter<? super Outcome> answer, AtomicBoolean over) {
    }

    record Key(long sessionId, long studentId) {
    }

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final MarkStore store;
    private final int maxQueued;
    private final Duration deadline;
    private final Duration drainTimeout;
    private volatile boolean stopping;

    MarkBatcher(MarkStore store, TrafficConfig config) {
        this.store = store;
        this.maxQueued = config.marks().maxQueued();
        this.deadline = config.marks().deadline();
        this.drainTimeout = config.marks().drainTimeout();
    }

    public Uni<Outcome> submit(Mark mark) {
        return Uni.createFrom().<Outcome> emitter(emitter -> {
            if (stopping) {
                emitter.fail(unavailable("shutting_down", "this instance is stopping; try again", 1));
                return;
            }
            if (queued.incrementAndGet() > maxQueued) {
                queued.decrementAndGet();
                emitter.fail(unavailable("marks_overloaded", "too many marks are waiting; try again in a moment", 2));
                return;
            }
            AtomicBoolean over = new AtomicBoolean();
            emitter.onTermination(() -> over.set(true));
            queue.add(new Pending(mark, emitter, over));
            drain();
        }).ifNoItem().after(deadline).failWith(() -> unavailable("mark_timeout", "the mark could not be written in time; try again", 1));
    }

    private static ApiException unavailable(String code, String message, int retryAfterSeconds) {
        return new ApiException(503, code, message, Map.of("retry_after_seconds", retryAfterSeconds));
    }

    /** At shutdown: refuse new marks, give the queued ones the drain timeout, then answer whatever is left. */
    void stop(@Observes ShutdownEvent event) {
        drainForShutdown();
    }

    /** Refuses new marks, waits up to the drain timeout for the queued ones, then answers the rest (also called by tests). */
    public void drainForShutdown() {
        stopping = true;
        long until = System.nanoTime() + drainTimeout.toNanos();
        while ((queued.get() > 0 || inFlight.get() > 0) && System.nanoTime() < until) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            queued.decrementAndGet();
            left.answer().fail(unavailable("shutting_down", "this instance is stopping; try again", 1));
        }
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
                queued.decrementAndGet();
                if (!next.over().get()) { // past its deadline while waiting: never written
                    batch.add(next);
                }
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            write(batch)
                    .onFailure(failure -> batch.size() > 1 && !DatabaseFailures.unavailable(failure))
                    .recoverWithUni(failure -> rowByRow(batch))
                    .subscribe().with(ignored -> done(), failure -> {
                        batch.forEach(p -> p.answer().fail(failure));
                        done();
                    });
        }
    }

    /** A batch failed for one of its rows: each mark alone, so that the bad one fails only itself. */
    private Uni<Void> rowByRow(List<Pending> batch) {
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(one -> write(List.of(one))
                        .onFailure().recoverWithItem(failure -> {
                            one.answer().fail(failure);
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }

    private void done() {
        inFlight.decrementAndGet();
        drain();
    }

    private Uni<Void> write(List<Pending> batch) {
        Map<Key, List<Pending>> byKey = byStudent(batch, Pending::mark);
        List<Mark> unique = byKey.values().stream().map(same -> same.get(0).mark()).toList();
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
        return store.insertQr(sessions, students, names, emails, groups).flatMap(rows -> {
            for (Row row : rows) {
                answer(byKey.remove(new Key(row.getLong("session_id"), row.getLong("student_id"))),
                        new Outcome(MarkOutcome.marked, row.getOffsetDateTime("marked_at")));
            }
            if (byKey.isEmpty()) {
                return Uni.createFrom().voidItem(); // the common case: every mark is new
            }
            return store.explain(byKey.keySet().stream().map(Key::sessionId).toArray(Long[]::new),
                    byKey.keySet().stream().map(Key::studentId).toArray(Long[]::new))
                    .map(explained -> {
                        for (Row row : explained) {
                            String status = row.getString("status");
                            answer(byKey.remove(new Key(row.getLong("session_id"), row.getLong("student_id"))),
                                    skipped(row.getOffsetDateTime("marked_at"), status == null ? null : SessionStatus.valueOf(status),
                                            Boolean.TRUE.equals(row.getBoolean("live"))));
                        }
                        return null;
                    });
        });
    }

    static Outcome skipped(OffsetDateTime markedAt, SessionStatus status, boolean live) {
        if (markedAt != null) {
            return new Outcome(MarkOutcome.already_marked, markedAt);
        }
        if (status == null) {
            return new Outcome(MarkOutcome.no_session, null);
        }
        return switch (status) {
            case closed -> new Outcome(MarkOutcome.closed, null);
            case expired -> new Outcome(MarkOutcome.expired, null);
            // active but not live: past its end; active and live but not inserted: unmarked between the two statements
            case active -> new Outcome(live ? MarkOutcome.retry : MarkOutcome.expired, null);
        };
    }

    /**
     * One entry per (session, student), in arrival order: the statement writes one row for each, and later copies of a
     * mark share the first one's fate ({@link #forRepeat}).
     */
    static <T> Map<Key, List<T>> byStudent(List<T> batch, Function<T, Mark> mark) {
        Map<Key, List<T>> byKey = new LinkedHashMap<>();
        for (T item : batch) {
            Mark m = mark.apply(item);
            byKey.computeIfAbsent(new Key(m.sessionId(), m.studentId()), k -> new ArrayList<>()).add(item);
        }
        return byKey;
    }

    /** What a copy of a mark that came in the same batch hears: the first was marked, so it was already marked. */
    static Outcome forRepeat(Outcome first) {
        return first.status() == MarkOutcome.marked ? new Outcome(MarkOutcome.already_marked, first.markedAt()) : first;
    }

    private static void answer(List<Pending> same, Outcome outcome) {
        if (same == null) {
            return;
        }
        same.get(0).answer().complete(outcome);
        for (int i = 1; i < same.size(); i++) {
            same.get(i).answer().complete(forRepeat(outcome));
        }
    }
}
