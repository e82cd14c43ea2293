package edu.campus.traffic.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.attendance.KioskTakeover.Occupant;

class KioskTakeoverTest {

    private static final ZoneId MSK = ZoneId.of("Europe/Moscow");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    /** 10:30 in Moscow on DAY. */
    private static final Instant NOW = DAY.atTime(10, 30).atZone(MSK).toInstant();

    private static Occupant lesson(Long teacherId, String start, String end) {
        return new Occupant(1, teacherId, "Иванов И. И.", DAY, start, end, NOW.plusSeconds(3600));
    }

    @Test
    void theSameTeacherMayAlwaysMoveOn() {
        assertTrue(KioskTakeover.mayClose(lesson(5L, "10:00", "11:30"), 5, NOW, MSK));
    }

    @Test
    void anotherTeachersLessonThatHasNotEndedIsKept() {
        assertFalse(KioskTakeover.mayClose(lesson(5L, "10:00", "11:30"), 6, NOW, MSK));
        assertFalse(KioskTakeover.mayClose(lesson(null, "10:00", "11:30"), 6, NOW, MSK)); // a deleted teacher's
        assertFalse(KioskTakeover.mayClose(lesson(5L, null, null), 6, NOW, MSK)); // end unknown: live until it expires
        assertFalse(KioskTakeover.mayClose(lesson(5L, "10:00", "garbage"), 6, NOW, MSK));
    }

    @Test
    void anotherTeachersLessonThatEndedOrASessionPastItsExpiryMayBeClosed() {
        assertTrue(KioskTakeover.mayClose(lesson(5L, "08:30", "10:00"), 6, NOW, MSK));
        assertTrue(KioskTakeover.mayClose(lesson(5L, "08:30", "10:30"), 6, NOW, MSK)); // ends right now
        Occupant expired = new Occupant(1, 5L, "x", DAY, null, null, NOW.minusSeconds(1));
        assertTrue(KioskTakeover.mayClose(expired, 6, NOW, MSK));
    }

    @Test
    void aLessonEndingBeforeItStartsEndsTheNextDay() {
        assertEquals(DAY.plusDays(1).atTime(0, 45).atZone(MSK).toInstant(), KioskTakeover.lessonEndsAt(DAY, "23:15", "00:45", MSK));
        assertEquals(DAY.atTime(11, 30).atZone(MSK).toInstant(), KioskTakeover.lessonEndsAt(DAY, "10:00", "11:30", MSK));
        assertNull(KioskTakeover.lessonEndsAt(null, "10:00", "11:30", MSK));
    }
}
