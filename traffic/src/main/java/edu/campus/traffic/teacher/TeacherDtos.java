package edu.campus.traffic.teacher;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Teacher admin and sync bodies (snake_case JSON). */
public final class TeacherDtos {

    private TeacherDtos() {
    }

    /**
     * A traffic teacher. {@code sso_status}: {@code provisioned} (SSO holds its current name), {@code pending} (the
     * next sync, or a retry, provisions it; {@code sso_error} says what went wrong last time).
     */
    @RegisterForReflection // inside a generic type (page, list): not seen by the build
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TeacherView(long id, String fullName, Long ruzTeacherId, SsoStatus ssoStatus, Long ssoUserId, String ssoUsername,
            String ssoError, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record NewTeacher(@NotBlank @Size(max = 200) String fullName, @Positive Long ruzTeacherId) {
    }

    @RegisterForReflection // inside a generic type (page, list): not seen by the build
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SyncRun(long id, SyncTrigger trigger, SyncRunStatus status, OffsetDateTime startedAt, OffsetDateTime heartbeatAt,
            OffsetDateTime finishedAt, int fetched, int created, int updated, int unchanged, int provisioned, int failed,
            int pending, Long stoppedAtTeacherId, String error) {
    }

    /** The sync's status: the run in progress (if any) and the last finished one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SyncStatus(SyncRun running, SyncRun last, long teachers, long pendingInSso) {
    }
}
