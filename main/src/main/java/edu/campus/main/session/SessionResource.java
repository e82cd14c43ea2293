package edu.campus.main.session;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import edu.campus.main.session.SessionDtos.RefreshRequest;
import edu.campus.main.session.SessionDtos.SessionTokens;
import io.smallrye.mutiny.Uni;

@Path("/api/main/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class SessionResource {

    private final Sessions sessions;

    SessionResource(Sessions sessions) {
        this.sessions = sessions;
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Rotate a student's refresh token; a rotated one presented again ends the sign-in")
    @APIResponse(responseCode = "200", description = "the new tokens", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionTokens.class)))
    @APIResponse(responseCode = "401", description = "not valid, expired, or reused (refresh_token_reused)")
    public Uni<SessionTokens> refresh(@Valid @NotNull RefreshRequest body) {
        return sessions.refresh(body.refreshToken());
    }

    @POST
    @Path("/logout")
    @Operation(summary = "End the sign-in the refresh token belongs to")
    @APIResponse(responseCode = "204", description = "ended (also for an unknown token)")
    public Uni<Response> logout(@Valid @NotNull RefreshRequest body) {
        return sessions.logout(body.refreshToken()).replaceWith(Response.noContent().build());
    }
}
