package edu.campus.bot.webhook;

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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import edu.campus.bot.webhook.Webhook.Reply;
import io.smallrye.mutiny.Uni;

/**
 * Telegram's updates. The secret header is checked by {@link WebhookSecretFilter} before the body is read. The answer
 * is Telegram's "reply in the webhook response" form (a sendMessage) or an empty object.
 */
@Path("/api/bot/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "telegram")
public class WebhookResource {

    private final Webhook webhook;

    WebhookResource(Webhook webhook) {
        this.webhook = webhook;
    }

    @POST
    @Operation(summary = "For Telegram only: an update (header X-Telegram-Bot-Api-Secret-Token = TELEGRAM_WEBHOOK_SECRET)")
    @Parameter(name = WebhookSecretFilter.HEADER, in = org.eclipse.microprofile.openapi.annotations.enums.ParameterIn.HEADER,
            required = true, description = "the secret given to Telegram with setWebhook")
    @APIResponse(responseCode = "200", description = "handled (or a repeat, ignored): a reply as a sendMessage, or {}",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Reply.class)))
    @APIResponse(responseCode = "401", description = "the secret header is missing or wrong")
    public Uni<Object> update(@Valid @NotNull Update update) {
        return webhook.handle(update);
    }
}
