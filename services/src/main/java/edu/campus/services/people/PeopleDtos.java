package edu.campus.services.people;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import edu.campus.common.sso.SsoModel.Invitation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Staff and executor bodies (snake_case JSON). */
public final class PeopleDtos {

    private PeopleDtos() {
    }

    /** A new staff member or executor; the SSO username is derived from the name unless given. */
    public record NewPerson(@NotBlank @Size(max = 200) String fullName,
            @Size(min = 3, max = 64) @Pattern(regexp = "[a-z0-9._-]+") String username) {
    }

    /**
     * A staff member or executor. {@code status}: pending_sso (SSO has not confirmed the account yet: retried),
     * active, deleting (being removed from SSO: no access any more). {@code invitation}: only in the answer that
     * created it (once SSO confirmed the account) — hand it to the person, who sets their own password with it.
     */
    @RegisterForReflection // inside a generic type (page): not seen by the build
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PersonView(long id, long departmentId, String fullName, PersonStatus status, Long ssoUserId, String ssoUsername,
            String ssoError, OffsetDateTime createdAt, OffsetDateTime updatedAt, Invitation invitation) {

        PersonView withInvitation(Invitation invitation) {
            return new PersonView(id, departmentId, fullName, status, ssoUserId, ssoUsername, ssoError, createdAt, updatedAt, invitation);
        }
    }
}
