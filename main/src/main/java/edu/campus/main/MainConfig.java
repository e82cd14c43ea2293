package edu.campus.main;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** main's settings; each reads from its env variable (CAS_URL, MAIN_LAUNCH_TOKEN_PRIVATE_KEY, ...): see README. */
@ConfigMapping(prefix = "main")
public interface MainConfig {

    Cas cas();

    /** The university's time zone ("today" for the timetable). */
    @WithDefault("Europe/Moscow")
    java.time.ZoneId timezone();

    /** This service as the browser sees it (CAS sends the browser back to {@code <public-url>/api/main/auth/cas/callback}). */
    String publicUrl();

    /** Where a signed-in student may be sent back to: URL prefixes. */
    List<String> allowedReturnUrls();

    Session session();

    Launch launch();

    /** The mini apps students launch, by id (the launch token's audience). */
    Map<String, MiniApp> miniapps();

    Telegram telegram();

    Gradebook gradebook();

    Retention retention();

    /** CAS's base URL is the REST client's ({@code quarkus.rest-client.cas.url}, from CAS_URL): one setting for both uses. */
    interface Cas {
        /** {@code /p3/serviceValidate} (CAS 3.0) or {@code /serviceValidate} (CAS 2.0): parsed the same way. */
        @WithDefault("/p3/serviceValidate")
        String validatePath();
    }

    /**
     * A student's sign-in: access tokens live {@code accessTtl}; the sign-in ends after {@code idleTimeout} without a
     * refresh and {@code maxLifetime} after it began. Longer than staff's (a phone in a pocket, Telegram re-signs).
     */
    interface Session {
        @WithDefault("15m")
        Duration accessTtl();

        @WithDefault("7d")
        Duration idleTimeout();

        @WithDefault("30d")
        Duration maxLifetime();
    }

    interface Launch {
        /** PKCS#8 PEM text or a PEM file's path (MAIN_LAUNCH_TOKEN_PRIVATE_KEY). */
        Optional<String> privateKey();

        /** Public keys (PEM text or paths) still published after a rotation, so tokens signed before it verify. */
        Optional<List<String>> previousPublicKeys();

        /** Without a key: a folder where one is generated at first start (local runs). */
        Optional<String> keyDir();

        /** At most 15 minutes. */
        @WithDefault("10m")
        Duration ttl();
    }

    interface MiniApp {
        String name();

        String description();

        String icon();

        String url();

        @WithDefault("#607d8b")
        String color();
    }

    interface Telegram {
        /** The platform bot's token: it keys the initData check (TELEGRAM_BOT_TOKEN). */
        Optional<String> botToken();

        @WithDefault("5m")
        Duration authMaxAge();

        /** The bot's username, for the deep links of link codes (TELEGRAM_BOT_USERNAME). */
        @WithDefault("campus_bot")
        String botUsername();

        /** How long a link code works. */
        @WithDefault("10m")
        Duration linkCodeTtl();
    }

    interface Gradebook {
        /** AES-256 key, base64 (MAIN_GRADEBOOK_KEY). */
        Optional<String> key();

        /** Local runs: a key generated once into this file. */
        Optional<Path> keyFile();

        @WithDefault("10m")
        Duration refreshAfter();

        @WithDefault("12h")
        Duration sessionTtl();
    }

    interface Retention {
        @WithDefault("1h")
        Duration every();
    }
}
