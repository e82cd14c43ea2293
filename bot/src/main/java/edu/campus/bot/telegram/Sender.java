package edu.campus.bot.telegram;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.bot.BotConfig;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Sends one message within Telegram's limits and says how it ended. A 429 is waited out ({@code retry_after}, at most
 * {@code max-429-retries} times); a 403 means the user blocked the bot; Telegram's 5xx or a refused connection mean
 * "not delivered, try later"; a timeout is {@link Result#UNCERTAIN} (Telegram may have delivered it, so it is never
 * sent again).
 */
@ApplicationScoped
public class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class);

    /** How a send ended. */
    public enum Result {
        SENT, BLOCKED, REFUSED, UNCERTAIN, RETRY_LATER
    }

    public record Outcome(Result result, Long messageId, String error) {
    }

    private final BotApi api;
    private final RateLimits limits;
    private final BotConfig.Telegram config;
    private final Counter retryAfter;

    Sender(BotApi api, RateLimits limits, BotConfig config, MeterRegistry registry) {
        this.api = api;
        this.limits = limits;
        this.config = config.telegram();
        this.retryAfter = Counter.builder("bot.telegram.retry_after").description("429 answers from Telegram, waited out").register(registry);
    }

    public Uni<Outcome> send(long chatId, String text) {
        return attempt(chatId, text, 0);
    }

    private Uni<Outcome> attempt(long chatId, String text, int retries) {
        return limits.acquire(chatId)
                .chain(() -> api.sendMessage(chatId, text))
                .map(id -> new Outcome(Result.SENT, id, null))
                .onFailure().recoverWithUni(failure -> {
                    if (failure instanceof TelegramError error) {
                        if (error.status() == 429 && retries < config.max429Retries()) {
                            Duration wait = Duration.ofSeconds(Math.max(1, error.retryAfterSeconds()));
                            if (wait.compareTo(config.maxRetryAfter()) > 0) {
                                wait = config.maxRetryAfter();
                            }
                            retryAfter.increment();
                            LOG.infof("telegram: 429 for chat %d, retrying after %d s", chatId, wait.toSeconds());
                            limits.pause(chatId, wait);
                            return attempt(chatId, text, retries + 1);
                        }
                        if (error.status() == 403) {
                            return Uni.createFrom().item(new Outcome(Result.BLOCKED, null, error.getMessage()));
                        }
                        if (error.retryable()) {
                            return Uni.createFrom().item(new Outcome(Result.RETRY_LATER, null, error.getMessage()));
                        }
                        return Uni.createFrom().item(new Outcome(Result.REFUSED, null, error.getMessage()));
                    }
                    // common's upstream mapping tells a timeout (ours, the client's, the socket's) from the rest
                    if (Upstreams.map("telegram", failure) instanceof UpstreamException.Timeout) {
                        return Uni.createFrom().item(new Outcome(Result.UNCERTAIN, null, "timeout: Telegram may have delivered it"));
                    }
                    // refused connection, open circuit: Telegram never got it
                    return Uni.createFrom().item(new Outcome(Result.RETRY_LATER, null, failure.getClass().getSimpleName()));
                });
    }
}
