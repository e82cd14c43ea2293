package edu.campus.common.token;

import java.security.Key;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import edu.campus.common.upstream.UpstreamException;
import io.smallrye.mutiny.Uni;

/**
 * A JWKS published by another service (sso's access-token keys, main's launch keys), kept in memory by {@code kid}.
 * Each fetch replaces the whole set (a key the publisher removed stops verifying), the set is fetched again once it is
 * older than {@code maxAge} (a failed fetch keeps the set it had; a stale set is retried at most once per
 * {@link #MIN_REFRESH_MILLIS}), an unknown {@code kid} (a rotation) fetches at most once per {@link #MIN_REFRESH_MILLIS},
 * and with no keys at all every call fetches (the publisher's circuit breaker keeps that cheap).
 */
public final class KeySet {

    public static final long MIN_REFRESH_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(KeySet.class);

    private final String publisher;
    private final Supplier<Uni<String>> source;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    private volatile Map<String, Key> keys = Map.of();
    private volatile long fetchedAt;
    private volatile long lastStaleAttempt = Long.MIN_VALUE / 2;
    private volatile long lastUnknownKidFetch = Long.MIN_VALUE / 2;
    private volatile Uni<Void> refreshing;

    public KeySet(String publisher, Supplier<Uni<String>> source, Duration maxAge, LongSupplier clock) {
        this.publisher = publisher;
        this.source = source;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
    }

    /** The key named {@code kid} (null when the publisher does not have it), fetching first when the rules above say so. */
    public Uni<Key> key(String kid) {
        Uni<Void> ready;
        long now = clock.getAsLong();
        if (keys.isEmpty()) {
            ready = fetch();
        } else if (now - fetchedAt >= maxAgeMillis && now - lastStaleAttempt >= MIN_REFRESH_MILLIS) {
            lastStaleAttempt = now;
            ready = fetch().onFailure(failure -> !keys.isEmpty()).recoverWithNull();
        } else if (!keys.containsKey(kid) && now - lastUnknownKidFetch >= MIN_REFRESH_MILLIS) {
            lastUnknownKidFetch = now;
            ready = fetch();
        } else {
            ready = Uni.createFrom().voidItem(); // an unknown kid within the quiet period stays unknown
        }
        return ready.map(ignored -> keys.get(kid));
    }

    /** The key named {@code kid} in the set as it is now, without fetching (inside a token consumer's key resolver). */
    public Key current(String kid) {
        return kid == null ? null : keys.get(kid);
    }

    /** One fetch at a time; the key set it reads replaces the old one whole. */
    private Uni<Void> fetch() {
        Uni<Void> current = refreshing;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (refreshing == null) {
                refreshing = source.get()
                        .map(json -> {
                            Map<String, Key> fresh = new HashMap<>();
                            try {
                                for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
                                    if (jwk instanceof RsaJsonWebKey rsa && jwk.getKeyId() != null) {
                                        fresh.put(jwk.getKeyId(), rsa.getRsaPublicKey());
                                    }
                                }
                            } catch (JoseException e) {
                                throw new UpstreamException.BadResponse(publisher, "jwks_unreadable", e);
                            }
                            keys = Map.copyOf(fresh);
                            fetchedAt = clock.getAsLong();
                            LOG.debugf("%s keys: %s", publisher, fresh.keySet());
                            return (Void) null;
                        })
                        .onTermination().invoke(() -> refreshing = null)
                        .memoize().indefinitely();
            }
            return refreshing;
        }
    }
}
