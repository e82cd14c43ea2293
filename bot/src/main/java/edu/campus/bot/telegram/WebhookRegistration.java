package edu.campus.bot.telegram;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import edu.campus.bot.BotConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells Telegram where to send updates ({@code setWebhook} with the secret header) when {@code TELEGRAM_WEBHOOK_URL}
 * is set; tried a few times in the background, so a Telegram outage at start does not stop the bot.
 */
@ApplicationScoped
public class WebhookRegistration {

    private static final Logger LOG = Logger.getLogger(WebhookRegistration.class);

    private final BotApi api;
    private final BotConfig.Telegram config;

    WebhookRegistration(BotApi api, BotConfig config) {
        this.api = api;
        this.config = config.telegram();
    }

    void onStart(@Observes StartupEvent event) {
        String url = config.webhookUrl().filter(u -> !u.isBlank()).orElse(null);
        if (url == null) {
            return;
        }
        String secret = config.webhookSecret().filter(s -> !s.isBlank()).orElse(null);
        if (!api.configured() || secret == null) {
            LOG.warn("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN or TELEGRAM_WEBHOOK_SECRET is not: the webhook is not registered");
            return;
        }
        api.setWebhook(url, secret)
                .onFailure().retry().withBackOff(Duration.ofSeconds(2), Duration.ofSeconds(60)).atMost(5)
                .subscribe().with(ok -> LOG.infof("telegram webhook registered: %s (%s)", url, ok ? "ok" : "refused"),
                        failure -> LOG.errorf("telegram webhook not registered (%s): updates will not arrive", failure.getMessage()));
    }
}
