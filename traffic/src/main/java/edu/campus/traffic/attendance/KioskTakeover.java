package edu.campus.traffic.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Whether a teacher starting a session may end the one that is live on the kiosk. Their own: always (they moved to
 * another lesson). Another teacher's: only once its lesson has ended (or the session has expired and the expiry job
 * has not caught up yet); a lesson whose end is unknown is live until the session expires.
 */
public final class KioskTakeover {

    /** The session live on a kiosk, as far as the rule needs it. */
    public record Occupant(long sessionId, Long teacherId, String teacherName, LocalDate lessonDate, String lessonStart,
            String lessonEnd, Instant expiresAt) {
    }

    private KioskTakeover() {
    }

    public static boolean mayClose(Occupant occupant, long teacherId, Instant now, ZoneId zone) {
        if (occupant.teacherId() != null && occupant.teacherId() == teacherId) {
            return true;
        }
        if (!occupant.expiresAt().isAfter(now)) {
            return true;
        }
        Instant end = lessonEndsAt(occupant.lessonDate(), occupant.lessonStart(), occupant.lessonEnd(), zone);
        return end != null && !end.isAfter(now);
    }

    /** The instant a lesson ends: its date at its end time, the next day when it ends before it starts; null if unknown. */
    public static Instant lessonEndsAt(LocalDate date, String start, String end, ZoneId zone) {
        LocalTime endTime = time(end);
        if (date == null || endTime == null) {
            return null;
        }
        LocalTime startTime = time(start);
        LocalDate endDate = startTime != null && endTime.isBefore(startTime) ? date.plusDays(1) : date;
        return endDate.atTime(endTime).atZone(zone).toInstant();
    }

    private static LocalTime time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
