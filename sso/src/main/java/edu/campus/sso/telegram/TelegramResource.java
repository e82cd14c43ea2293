package edu.campus.sso.telegram;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import edu.campus.common.auth.Caller;
import edu.campus.common.auth.RequireScope;
import edu.campus.common.auth.RequireUser;
import edu.campus.common.sso.SsoModel.TelegramLink;
import edu.campus.sso.user.TelegramLinkStore.Chat;
import edu.campus.sso.telegram.TelegramLinks.LinkRequest;
import edu.campus.sso.telegram.TelegramLinks.Linked;
import edu.campus.sso.telegram.TelegramLinks.UnlinkRequest;
import edu.campus.sso.telegram.TelegramLinks.Unlinked;
import io.smallrye.mutiny.Uni;

/** Telegram links: the code for a signed-in user, and the bot's completion of a link. */
@Path("/api/telegram")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "telegram")
public class TelegramResource {

    private final TelegramLinks links;
    private final Caller caller;

    TelegramResource(TelegramLinks links, Caller caller) {
        this.links = links;
        this.caller = caller;
    }

    @POST
    @Path("/link-code")
    @Consumes(MediaType.WILDCARD) // no body: no content type required
    @RequireUser
    @Operation(summary = "For the signed-in user: a one-time code and the bot deep link that uses it")
    public Uni<TelegramLink> linkCode() {
        return links.newCode(caller.get().userId());
    }

    @POST
    @Path("/link")
    @RequireScope("telegram:link")
    @Operation(summary = "For the bot (scope telegram:link): complete a link with the code from /start")
    public Uni<Linked> link(@Valid @NotNull LinkRequest body) {
        return links.complete(body, caller.get().clientId());
    }

    @POST
    @Path("/unlink")
    @RequireScope("telegram:link")
    @Operation(summary = "For the bot (scope telegram:link): a Telegram account's /unlink; idempotent (unlinked false: there was no link)")
    public Uni<Unlinked> unlink(@Valid @NotNull UnlinkRequest body) {
        return links.unlink(body.telegramId(), caller.get().clientId());
    }

    @GET
    @Path("/chats")
    @RequireScope("telegram:notify")
    @Operation(summary = "For the bot (scope telegram:notify): the chat of an active account by app, role and entity id (404 telegram_not_linked)")
    public Uni<Chat> chat(@RestQuery @NotNull @Pattern(regexp = "[a-z]{2,32}") String app, @RestQuery @NotNull @Pattern(regexp = "[a-z_]{2,32}") String role,
            @RestQuery("entity_id") @NotNull @Positive Long entityId) {
        return links.chat(app, role, entityId);
    }
}
