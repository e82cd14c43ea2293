package edu.campus.bot.telegram;

import java.util.List;

import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.common.json.StrictJson;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The two methods of Telegram's Bot API the bot uses ({@code TELEGRAM_API_URL}/bot{token}/...). Use {@link BotApi}:
 * it adds the timeout, the circuit breaker and the rate limits. The token is part of the path (Telegram's design):
 * it never appears in an exception or a log line of ours.
 */
@RegisterRestClient(configKey = "telegram")
@Path("/bot{token}")
interface TelegramApi {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendMessage(long chatId, String text, Boolean disableWebPagePreview) {
    }

    @RegisterForReflection
    record Sent(long messageId) {
    }

    @RegisterForReflection
    record SendResult(boolean ok, Sent result) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SetWebhook(String url, String secretToken, List<String> allowedUpdates, Integer maxConnections) {
    }

    @RegisterForReflection
    record WebhookResult(boolean ok, Boolean result, String description) {
    }

    /** Telegram adds fields over time: read tolerantly. */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return StrictJson.tolerant(defaultObjectMapper);
    }

    @POST
    @Path("/sendMessage")
    Uni<SendResult> sendMessage(@Encoded @PathParam("token") String token, SendMessage message);

    @POST
    @Path("/setWebhook")
    Uni<WebhookResult> setWebhook(@Encoded @PathParam("token") String token, SetWebhook webhook);

    /** Telegram's error answer ({@code ok:false, error_code, description, parameters.retry_after}) as a {@link TelegramError}. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return TelegramError.of(response);
    }
}
