package edu.campus.main.telegram;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import edu.campus.main.session.SessionDtos.SessionTokens;
import io.smallrye.mutiny.Uni;

@Path("/api/main/auth/telegram")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "telegram")
public class TelegramSignInResource {

    private final StudentTelegram telegram;

    TelegramSignInResource(StudentTelegram telegram) {
        this.telegram = telegram;
    }

    @POST
    @Operation(summary = "Sign in from the Telegram Mini App (a linked student)")
    @APIResponse(responseCode = "200", description = "a session", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionTokens.class)))
    @APIResponse(responseCode = "401", description = "initData not valid (invalid_init_data) or already used (init_data_replayed)")
    @APIResponse(responseCode = "404", description = "this Telegram account is not linked (telegram_not_linked): sign in with CAS, then link")
    public Uni<SessionTokens> signIn(@Valid @NotNull TelegramResource.InitData body) {
        return telegram.signIn(body.initData());
    }
}
