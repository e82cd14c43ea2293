package edu.campus.bot.telegram;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import edu.campus.bot.BotConfig;
import edu.campus.bot.telegram.TelegramApi.SendMessage;
import edu.campus.bot.telegram.TelegramApi.SetWebhook;
import io.smallrye.mutiny.Uni;

/**
 * The Bot API with a timeout and a circuit breaker (Telegram unreachable: calls fail fast for a while). Never retried
 * here: a message must not be sent twice, so whoever sends decides what a failure means ({@link Sender}).
 */
@ApplicationScoped
public class BotApi {

    private final TelegramApi api;
    private final BotConfig.Telegram config;

    BotApi(@RestClient TelegramApi api, BotConfig config) {
        this.api = api;
        this.config = config.telegram();
    }

    public boolean configured() {
        return config.token().filter(token -> !token.isBlank()).isPresent();
    }

    /** Sends a plain-text message; Telegram's message id. */
    @Timeout(10_000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = { TimeoutException.class, jakarta.ws.rs.ProcessingException.class, java.io.IOException.class },
            skipOn = TelegramError.class)
    public Uni<Long> sendMessage(long chatId, String text) {
        return api.sendMessage(token(), new SendMessage(chatId, text, Boolean.TRUE)).map(result -> result.result().messageId());
    }

    @Timeout(10_000)
    public Uni<Boolean> setWebhook(String url, String secret) {
        return api.setWebhook(token(), new SetWebhook(url, secret, List.of("message"), 40)).map(result -> result.ok());
    }

    private String token() {
        return config.token().filter(token -> !token.isBlank())
                .orElseThrow(() -> new IllegalStateException("TELEGRAM_BOT_TOKEN is not configured"));
    }
}
