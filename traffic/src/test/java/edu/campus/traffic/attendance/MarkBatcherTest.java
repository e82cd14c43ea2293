package edu.campus.traffic.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.attendance.MarkBatcher.Key;
import edu.campus.traffic.attendance.MarkBatcher.Mark;
import edu.campus.traffic.attendance.MarkBatcher.Outcome;

/** The group commit's pure parts: one row per student and session, what copies hear, why a mark was skipped. */
class MarkBatcherTest {

    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-30T10:00:00Z");

    private static Mark mark(long session, long student) {
        return new Mark(session, student, "S" + student, null, null);
    }

    @Test
    void aBatchHoldsOneEntryPerStudentAndSessionInArrivalOrder() {
        List<Mark> batch = List.of(mark(1, 10), mark(1, 11), mark(1, 10), mark(2, 10), mark(1, 10));
        Map<Key, List<Mark>> byKey = MarkBatcher.byStudent(batch, m -> m);
        assertEquals(List.of(new Key(1, 10), new Key(1, 11), new Key(2, 10)), List.copyOf(byKey.keySet()));
        assertEquals(3, byKey.get(new Key(1, 10)).size());
        assertEquals(1, byKey.get(new Key(2, 10)).size());
    }

    @Test
    void copiesOfAMarkedMarkHearAlreadyMarkedOthersHearTheSame() {
        assertEquals(new Outcome(MarkOutcome.already_marked, AT), MarkBatcher.forRepeat(new Outcome(MarkOutcome.marked, AT)));
        assertEquals(new Outcome(MarkOutcome.closed, null), MarkBatcher.forRepeat(new Outcome(MarkOutcome.closed, null)));
    }

    @Test
    void aSkippedMarkIsExplainedByWhatTheDatabaseSaw() {
        assertEquals(MarkOutcome.already_marked, MarkBatcher.skipped(AT, SessionStatus.active, true).status());
        assertEquals(AT, MarkBatcher.skipped(AT, SessionStatus.closed, false).markedAt());
        assertEquals(MarkOutcome.no_session, MarkBatcher.skipped(null, null, false).status());
        assertEquals(MarkOutcome.closed, MarkBatcher.skipped(null, SessionStatus.closed, false).status());
        assertEquals(MarkOutcome.expired, MarkBatcher.skipped(null, SessionStatus.expired, false).status());
        assertEquals(MarkOutcome.expired, MarkBatcher.skipped(null, SessionStatus.active, false).status());
        assertEquals(MarkOutcome.retry, MarkBatcher.skipped(null, SessionStatus.active, true).status());
    }
}
