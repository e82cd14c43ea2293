package edu.campus.main.student;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Bodies of /api/main/me. */
public final class StudentDtos {

    private StudentDtos() {
    }

    public record GroupChoice(@NotBlank @Size(max = 64) String groupName, @NotBlank @Size(max = 32) String facultyAbbr) {
    }

    public record TelegramView(long telegramId, String username, OffsetDateTime linkedAt) {
    }

    public record Profile(long id, String casUser, String fullName, String email, String groupName, Long ruzGroupId, String faculty,
            String recordBookNumber, boolean groupRequired, TelegramView telegram, OffsetDateTime createdAt, OffsetDateTime lastLoginAt) {

        static Profile of(Student s, TelegramView telegram) {
            return new Profile(s.id(), s.casUser(), s.fullName(), s.email(), s.groupName(), s.ruzGroupId(), s.faculty(), s.recordBookNumber(),
                    s.groupName() == null, telegram, s.createdAt(), s.lastLoginAt());
        }
    }
}
