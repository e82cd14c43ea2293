package edu.campus.sso.provision;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import edu.campus.common.error.ErrorBody;

public final class ProvisionDtos {

    private ProvisionDtos() {
    }

    /** {@code entity_id} is the id of the account's record in its domain (traffic teacher, services staff/executor); without it the request is refused with 422. */
    public record AccountUpsert(@Positive Long entityId, @NotBlank @Size(max = 200) String fullName,
            @Positive Long ruzTeacherId, @Size(min = 3, max = 64) @Pattern(regexp = "[a-z0-9._-]+") String username) {
    }

    public record TeacherBatch(@NotNull @Size(min = 1, max = 1000) List<@Valid @NotNull AccountUpsert> teachers) {
    }

    public record ProvisionedUser(long userId, String username, String fullName, String app, String role, Long entityId,
            Long ruzTeacherId) {
    }

    /** One item of a batch: the account, or the error that item met. */
    public record BatchResult(Long entityId, ProvisionedUser user, ErrorBody error) {
    }

    public record BatchResponse(int ok, int failed, List<BatchResult> results) {
    }
}
