package edu.campus.bot;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The bot's settings (env TELEGRAM_*, BOT_*): see README. */
@ConfigMapping(prefix = "bot")
public interface BotConfig {

    Telegram telegram();

    Updates updates();

    interface Telegram {
        /** The bot's token from BotFather; empty: nothing is sent and the webhook refuses every update. */
        Optional<String> token();

        /** What Telegram sends in X-Telegram-Bot-Api-Secret-Token (given to it by setWebhook). */
        Optional<String> webhookSecret();

        /** The public URL of /api/bot/webhook; when set, the bot registers it with Telegram at start. */
        Optional<String> webhookUrl();

        @WithDefault("30")
        int globalPerSecond();

        @WithDefault("1s")
        Duration perChatInterval();

        @WithName("max-429-retries")
        @WithDefault("3")
        int max429Retries();

        @WithDefault("60s")
        Duration maxRetryAfter();
    }

    interface Updates {
        @WithDefault("1d")
        Duration keep();
    }
}
