package edu.campus.services.application;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import edu.campus.services.file.FileView;
import edu.campus.services.people.ActorKind;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Application bodies (snake_case JSON). */
public final class ApplicationDtos {

    private ApplicationDtos() {
    }

    /** One line of a listing. {@code executor_id}/{@code executor_name}: absent while nobody is assigned. */
    @RegisterForReflection // inside a generic type (page): not seen by the build
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationSummary(long id, long serviceId, String serviceName, long departmentId, String departmentName,
            long studentId, String studentName, String studentEmail, String studentGroup, ApplicationStatus status, Long executorId,
            String executorName, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** An application with what was answered, its files, the replies (with theirs) and its whole history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplicationDetail(long id, long serviceId, String serviceName, long departmentId, String departmentName,
            long studentId, String studentName, String studentEmail, String studentGroup, ApplicationStatus status, Long executorId,
            String executorName, OffsetDateTime createdAt, OffsetDateTime updatedAt, JsonNode form, List<FileView> files,
            List<ReplyView> replies, List<HistoryEntry> history) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReplyView(long id, ActorKind authorKind, String authorName, String message, OffsetDateTime createdAt,
            List<FileView> files) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(HistoryAction action, ActorKind actorKind, String actorName, ApplicationStatus fromStatus,
            ApplicationStatus toStatus, String detail, OffsetDateTime at) {
    }

    /** A status change; {@code comment} goes into the history. */
    public record StatusChange(@NotNull ApplicationStatus status, @Size(max = 1000) String comment) {
    }

    /** Assign an executor of the application's department; null unassigns. */
    public record Assignment(@Positive Long executorId) {
    }

    /** A reply without files (JSON); with files it is multipart: a {@code message} part and file parts. */
    public record NewReply(@NotBlank @Size(max = 10_000) String message) {
    }
}
