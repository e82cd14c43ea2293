package edu.campus.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import edu.campus.common.error.ApiException;
import edu.campus.traffic.attendance.MarkBatcher;
import edu.campus.traffic.attendance.MarkOutcome;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/** The group commit under faults (test profile: 20 waiting marks at most, a 1 s deadline, a 5 s drain). */
@QuarkusTest
@TestProfile(MarkQueueTest.Small.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MarkQueueTest extends TrafficTestBase {

    public static class Small implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("traffic.marks.max-queued", "20", "traffic.marks.deadline", "1s", "traffic.marks.drain-timeout", "5s");
        }
    }

    @Inject
    MarkBatcher batcher;

    private static MarkBatcher.Mark mark(long session, long student) {
        return new MarkBatcher.Mark(session, student, "Student " + student, null, null);
    }

    private long rows(long session) {
        return db.preparedQuery("select count(*) from marks where session_id = $1").execute(Tuple.of(session)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    /** What each submitted mark heard: its outcome, or the error code it failed with. */
    private static List<String> outcomes(List<CompletableFuture<MarkBatcher.Outcome>> answers) {
        List<String> heard = new ArrayList<>();
        for (CompletableFuture<MarkBatcher.Outcome> answer : answers) {
            try {
                heard.add(answer.get(10, TimeUnit.SECONDS).status().name());
            } catch (java.util.concurrent.ExecutionException e) {
                heard.add(e.getCause() instanceof ApiException api ? api.errorCode() : e.getCause().toString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return heard;
    }

    @Test
    @Order(1)
    void aBadRowFailsOnlyItselfAndTheRestOfItsBatchIsWritten() {
        Setup s = activeSession();
        List<CompletableFuture<MarkBatcher.Outcome>> answers = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            // the last one breaks a check of the table (student ids are positive): it lands in a batch with others
            answers.add(batcher.submit(mark(s.sessionId(), i == 10 ? -1 : 5000 + i)).subscribeAsCompletionStage());
        }
        List<String> heard = outcomes(answers);
        assertEquals(9, heard.stream().filter("marked"::equals).count(), heard.toString());
        assertTrue(!"marked".equals(heard.get(9)), heard.toString());
        assertEquals(9, rows(s.sessionId()));
    }

    @Test
    @Order(2)
    void aStuckDatabaseCostsEachMarkItsDeadlineAndTheQueueIsBounded() throws Exception {
        Setup s = activeSession();
        // another transaction holds the session's row: inserts wait for its key-share lock
        SqlConnection blocker = db.getConnection().await().indefinitely();
        Transaction tx = blocker.begin().await().indefinitely();
        blocker.preparedQuery("select id from attendance_sessions where id = $1 for update").execute(Tuple.of(s.sessionId()))
                .await().indefinitely();
        List<CompletableFuture<MarkBatcher.Outcome>> answers = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 1; i <= 40; i++) {
                answers.add(batcher.submit(mark(s.sessionId(), 6000 + i)).subscribeAsCompletionStage());
            }
            List<String> heard = outcomes(answers);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            long overloaded = heard.stream().filter("marks_overloaded"::equals).count();
            long timedOut = heard.stream().filter("mark_timeout"::equals).count();
            assertEquals(40, overloaded + timedOut, heard.toString());
            assertTrue(overloaded >= 16, heard.toString()); // 4 statements in flight and 20 waiting: the rest at once
            assertTrue(tookMs < 5000, "answered after " + tookMs + " ms");
        } finally {
            tx.rollback().await().indefinitely();
            blocker.close().await().indefinitely();
        }
        // the statements already sent finish once the lock is gone; nothing that was still waiting is written
        Thread.sleep(500);
        assertTrue(rows(s.sessionId()) <= 4, rows(s.sessionId()) + " rows");
        // and marking works again
        assertEquals(MarkOutcome.marked, batcher.submit(mark(s.sessionId(), 7000)).await().indefinitely().status());
    }

    @Test
    @Order(3)
    void atShutdownQueuedMarksAreWrittenAndNewOnesRefused() throws Exception {
        Setup s = activeSession();
        SqlConnection blocker = db.getConnection().await().indefinitely();
        Transaction tx = blocker.begin().await().indefinitely();
        blocker.preparedQuery("select id from attendance_sessions where id = $1 for update").execute(Tuple.of(s.sessionId()))
                .await().indefinitely();
        CompletableFuture<MarkBatcher.Outcome> waiting = batcher.submit(mark(s.sessionId(), 8000)).subscribeAsCompletionStage();
        CompletableFuture<Void> drained = CompletableFuture.runAsync(batcher::drainForShutdown);
        Thread.sleep(300);
        tx.rollback().await().indefinitely(); // the database moves again within the drain timeout
        blocker.close().await().indefinitely();
        drained.get(10, TimeUnit.SECONDS);
        assertEquals(1, rows(s.sessionId()));
        List<String> refused = outcomes(List.of(batcher.submit(mark(s.sessionId(), 8001)).subscribeAsCompletionStage()));
        assertEquals(List.of("shutting_down"), refused);
        assertTrue(waiting.isDone());
    }
}
