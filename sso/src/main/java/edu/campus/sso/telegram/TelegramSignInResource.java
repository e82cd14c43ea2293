package edu.campus.sso.telegram;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import edu.campus.sso.auth.AuthDtos.TokenPair;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/auth/telegram}: a sign-in like the others under /api/auth, kept with the Telegram links it reads. */
@Path("/api/auth/telegram")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class TelegramSignInResource {

    public record TelegramSignIn(@NotBlank @Size(max = 8192) String initData) {
    }

    private final TelegramLinks links;

    TelegramSignInResource(TelegramLinks links) {
        this.links = links;
    }

    @POST
    @Operation(summary = "Sign in from the Telegram Mini App with initData (the account must be linked)")
    public Uni<TokenPair> signIn(@Valid @NotNull TelegramSignIn body) {
        return links.signIn(body.initData());
    }
}
