package edu.campus.sso.invitation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import edu.campus.sso.auth.AuthDtos.TokenPair;
import edu.campus.sso.user.Password;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/auth/invitations/accept}: a person sets their own password with the code they were given. */
@Path("/api/auth/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class InvitationResource {

    public record Accept(@NotBlank @Size(max = 64) String code, @NotNull @Password String password) {

        @Override
        public String toString() {
            return "Accept[code=<hidden>, password=<hidden>]";
        }
    }

    private final Invitations invitations;

    InvitationResource(Invitations invitations) {
        this.invitations = invitations;
    }

    @POST
    @Path("/accept")
    @Operation(summary = "Set the password with a one-time invitation code (once) and sign in")
    @APIResponse(responseCode = "200", description = "the password is set; the tokens", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenPair.class)))
    @APIResponse(responseCode = "401", description = "the code is unknown, expired or used (invitation_invalid)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<TokenPair> accept(@Valid @NotNull Accept body) {
        return invitations.accept(body.code(), body.password());
    }
}
