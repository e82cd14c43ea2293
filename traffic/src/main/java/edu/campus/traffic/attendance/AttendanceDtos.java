package edu.campus.traffic.attendance;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import edu.campus.traffic.kiosk.KioskDtos.Place;

/** Attendance bodies (snake_case JSON). */
public final class AttendanceDtos {

    private AttendanceDtos() {
    }

    public record PinRequest(@NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String displayPin) {
    }

    /**
     * Start a session: either for a lesson of the timetable ({@code lesson_key} from the look-up) or ad hoc, for a lesson
     * that is not in RUZ ({@code discipline} as the teacher types it, ending at {@code lesson_end} "HH:mm" today or
     * after the default duration).
     */
    public record StartRequest(@NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String displayPin,
            @Size(min = 1, max = 64) String lessonKey, @Size(max = 1000) String discipline,
            @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be a time HH:mm") String lessonEnd) {
    }

    /** A lesson of today in the kiosk's room that is the caller's; {@code lesson_key} starts a session for it. */
    @RegisterForReflection // inside a generic type (page, list): not seen by the build
    public record LessonOption(String lessonKey, String subject, String type, String startTime, String endTime,
            List<String> groups, String matchedBy) {
    }

    public record KioskLessons(long kioskId, Place place, LocalDate date, List<LessonOption> lessons) {
    }

    @RegisterForReflection // inside a generic type (page, list): not seen by the build
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SessionView(long id, SessionStatus status, String discipline, String teacherName, Long teacherId, Long kioskId,
            String buildingName, String roomName, LocalDate lessonDate, String lessonStart, String lessonEnd, OffsetDateTime startedAt,
            OffsetDateTime expiresAt, OffsetDateTime endedAt, long attendeeCount, int rotationSeconds, SessionKind kind) {
    }

    @RegisterForReflection // inside a generic type (page, list): not seen by the build
    public record Attendee(long studentId, String studentName, String studentEmail, String studentGroup, OffsetDateTime markedAt,
            MarkMethod method, String markedBy) {
    }

    public record Attendees(long sessionId, SessionStatus status, int count, List<Attendee> attendees) {
    }

    public record MarkRequest(@NotNull @Pattern(regexp = "[0-9a-fA-F]{16}", message = "must be 16 hex characters") String qrToken) {
    }

    /** {@code status}: marked (201) or already_marked (200). */
    @RegisterForReflection // inside a generic type (page, list): not seen by the build
    public record MarkResult(MarkOutcome status, long sessionId, long studentId, OffsetDateTime markedAt, String discipline) {
    }

    public record ManualMark(@NotBlank @Size(max = 200) String studentName, @Email @Size(max = 200) String studentEmail,
            @Size(max = 64) String studentGroup) {
    }
}
