package edu.campus.bot.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import edu.campus.bot.BotConfig;
import edu.campus.bot.BotMetrics;
import edu.campus.common.error.ApiException;

/**
 * Telegram's secret-token header on the webhook, checked before the body is read (in constant time): missing or wrong
 * is 401; no secret configured refuses every update (503), so an unconfigured bot never acts on forged updates.
 */
public class WebhookSecretFilter {

    public static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final byte[] secret;
    private final BotMetrics metrics;

    WebhookSecretFilter(BotConfig config, BotMetrics metrics) {
        this.secret = config.telegram().webhookSecret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.metrics = metrics;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceClass() != WebhookResource.class) {
            return null;
        }
        if (secret == null) {
            metrics.update("not_configured");
            return new ApiException(503, "webhook_not_configured", "the bot's webhook secret is not configured", Map.of()).toResponse();
        }
        String given = request.getHeaderString(HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            metrics.update("bad_secret");
            return new ApiException(401, "invalid_webhook_secret", "the secret token header is missing or wrong", Map.of()).toResponse();
        }
        return null;
    }
}
