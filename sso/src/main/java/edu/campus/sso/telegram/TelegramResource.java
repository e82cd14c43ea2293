package edu.campus.sso.telegram;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

import edu.campus.common.auth.Bearer;
import edu.campus.sso.auth.Tokens;
import edu.campus.common.sso.SsoModel.TelegramLink;
import edu.campus.sso.telegram.TelegramLinks.LinkRequest;
import edu.campus.sso.telegram.TelegramLinks.Linked;
import io.smallrye.mutiny.Uni;

@Path("/api/telegram")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "telegram")
public class TelegramResource {

    private final TelegramLinks links;
    private final Tokens tokens;

    TelegramResource(TelegramLinks links, Tokens tokens) {
        this.links = links;
        this.tokens = tokens;
    }

    @POST
    @Path("/link-code")
    @Consumes(MediaType.WILDCARD) // no body: no content type required
    @Operation(summary = "For the signed-in user: a one-time code and the bot deep link that uses it")
    public Uni<TelegramLink> linkCode(@RestHeader("Authorization") String authorization) {
        return links.newCode(Tokens.subject(tokens.verify(Bearer.token(authorization))));
    }

    @POST
    @Path("/link")
    @Operation(summary = "For the bot (scope telegram:link): complete a link with the code from /start")
    public Uni<Linked> link(@RestHeader("Authorization") String authorization, @Valid @NotNull LinkRequest body) {
        String client = tokens.verifyService(authorization, "telegram:link").getClaimValue("client_id").toString();
        return links.complete(body, client);
    }
}
