package edu.campus.sso;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** sso's settings; each also reads from its env variable (SSO_JWT_PRIVATE_KEY, SSO_BOOTSTRAP_ADMIN_USERNAME, ...). */
@ConfigMapping(prefix = "sso")
public interface SsoConfig {

    Jwt jwt();

    Bootstrap bootstrap();

    Login login();

    Session session();

    Retention retention();

    Invitation invitation();

    /** One-time invitations with which provisioned people set their own password. */
    interface Invitation {
        /** How long a code lives (SSO_INVITATION_TTL). */
        @WithDefault("7d")
        Duration ttl();

        /** The page that takes the code (SSO_INVITATION_URL); the link is this with {@code code=<code>} added to its query. */
        @WithDefault("https://localhost:8443/invitation/")
        String url();
    }

    /** What sso forgets, and when: see {@code retention.Retention}. */
    interface Retention {
        /** How often the clean-up runs. */
        @WithDefault("1h")
        Duration every();

        /** Audit entries older than this are deleted; empty keeps them forever. */
        Optional<Duration> audit();
    }

    /**
     * A sign-in (a refresh-token family) ends after {@code idleTimeout} without a refresh, and {@code maxLifetime} after
     * it began whatever happens (Keycloak's SSO session idle / max for staff: 30 min, 10 h).
     */
    interface Session {
        @WithDefault("30m")
        Duration idleTimeout();

        @WithDefault("10h")
        Duration maxLifetime();
    }

    Telegram telegram();

    interface Telegram {
        /** The platform bot's token (TELEGRAM_BOT_TOKEN): it keys the initData check. */
        Optional<String> botToken();

        /** The bot's username, for deep links https://t.me/<bot>?start=<code> (TELEGRAM_BOT_USERNAME). */
        @WithDefault("campus_bot")
        String botUsername();

        @WithDefault("300")
        long authMaxAgeSeconds();

        @WithDefault("10m")
        Duration linkCodeTtl();
    }

    /** Calling services by client id: sso.clients.traffic.secret / .scopes (env SSO_CLIENTS_TRAFFIC_SECRET, ...). */
    Map<String, Client> clients();

    interface Client {
        String secret();

        /** e.g. provision:traffic, provision:services, telegram:link */
        List<String> scopes();
    }

    interface Jwt {
        @WithDefault("campus-sso")
        String issuer();

        @WithDefault("15m")
        Duration accessTtl();

        /** The signing key, PKCS#8 PEM (RSA, 2048 bits or more). Production sets this. */
        Optional<String> privateKey();

        /** Its key id in tokens and the JWKS; default: a thumbprint of the public key. */
        Optional<String> keyId();

        /** Public keys (X.509 PEM) still published after a rotation, so tokens signed before it verify. */
        Optional<List<String>> previousPublicKeys();

        /** Without a configured key: a folder where a key is generated at first start and kept (local runs). */
        Optional<String> keyDir();
    }

    interface Bootstrap {
        /** The first admin, created at start when no admin exists; never overwritten afterwards. */
        Optional<String> adminUsername();

        Optional<String> adminPassword();

        /**
         * Local runs only (dev mode): without a password, one is generated into this file (mode 600) on first start
         * and read from it afterwards, the way the runner keeps it in {@code .campus/sso-admin-password}.
         */
        Optional<java.nio.file.Path> adminPasswordFile();
    }

    interface Login {
        /** bcrypt cost: 2^cost rounds (12 ≈ a quarter second per hash on one core). */
        @WithDefault("12")
        int bcryptCost();

        /** Failed attempts of one username from one address before that pair is locked. */
        @WithDefault("5")
        int maxFailuresPerPair();

        /** Failed attempts of one username from addresses its owner has not signed in from before the username is locked. */
        @WithDefault("20")
        int maxFailuresPerUsername();

        @WithDefault("30")
        int maxFailuresPerAddress();

        /** Failures count within this window... */
        @WithDefault("15m")
        Duration failureWindow();

        /** ...and past a maximum the key is locked, first for this long (429 with Retry-After), each next lock twice as long... */
        @WithDefault("1m")
        Duration blockFor();

        /** ...up to this. */
        @WithDefault("30m")
        Duration maxBlock();

        /** A key quiet for this long starts again from the shortest lock. */
        @WithDefault("12h")
        Duration forgetLocksAfter();

        /** An address a username signed in from stays known (exempt from the username's own lock) for this long. */
        @WithDefault("90d")
        Duration knownAddressFor();
    }
}
