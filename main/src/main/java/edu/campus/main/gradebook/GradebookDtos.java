package edu.campus.main.gradebook;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of /api/main/gradebook. */
public final class GradebookDtos {

    private GradebookDtos() {
    }

    /**
     * The university password, used for one upstream sign-in and dropped; never stored or logged ({@link #toString()}
     * hides it). The record-book number is needed once when main does not know it yet.
     */
    public record Connect(@NotEmpty @Size(max = 256) String password,
            @Size(max = 32) @Pattern(regexp = "[0-9A-Za-z/\\-]+") String recordBookNumber) {

        @Override
        public String toString() {
            return "Connect[password=<hidden>, recordBookNumber=" + recordBookNumber + "]";
        }
    }

    /**
     * The record book: fresh, or the last good copy with {@code stale} and its age when the upstream cannot answer;
     * {@code reconnect_required} when the upstream session has ended (connect again with the password).
     */
    public record GradebookView(String ordersTypeName, List<RecordBook.AcademicYear> academicYears, Instant fetchedAt, boolean stale,
            long ageSeconds, boolean reconnectRequired) {
    }
}
