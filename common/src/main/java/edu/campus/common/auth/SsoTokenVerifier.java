package edu.campus.common.auth;

import java.security.Key;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import edu.campus.common.error.ApiException;
import edu.campus.common.upstream.UpstreamException;
import io.smallrye.mutiny.Uni;

/**
 * Verifies SSO's tokens locally: RS256 only, issuer checked, keys from SSO's JWKS by {@code kid}. Each fetch replaces
 * the whole key set (a key sso no longer publishes stops verifying), the set is fetched again once it is older than
 * {@code campus.sso.jwks-refresh} (a failed fetch keeps the set it had), and an unknown {@code kid} (a rotation) fetches
 * at most once per {@link #MIN_REFRESH_MILLIS}.
 */
@ApplicationScoped
public class SsoTokenVerifier {

    static final long MIN_REFRESH_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(SsoTokenVerifier.class);

    private final JwksSource jwks;
    /** The key set of the last successful fetch, replaced whole by the next one. */
    private volatile Map<String, Key> keys = Map.of();
    private final JwtConsumer consumer;
    private final long maxAgeMillis;
    private final LongSupplier clock;
    /** When the key set was last fetched successfully (0: never). */
    private volatile long fetchedAt;
    /** When a stale set last caused a fetch (successful or not). */
    private volatile long lastStaleAttempt = Long.MIN_VALUE / 2;
    /** When an unknown kid last caused a fetch. */
    private volatile long lastUnknownKidFetch;
    private volatile Uni<Void> refreshing;

    @jakarta.inject.Inject
    SsoTokenVerifier(JwksSource jwks, @ConfigProperty(name = "campus.sso.issuer", defaultValue = "campus-sso") String issuer,
            @ConfigProperty(name = "campus.sso.jwks-refresh", defaultValue = "5m") java.time.Duration maxAge) {
        this(jwks, issuer, maxAge, System::currentTimeMillis);
    }

    SsoTokenVerifier(JwksSource jwks, String issuer, java.time.Duration maxAge, LongSupplier clock) {
        this.jwks = jwks;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = clock;
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(issuer)
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, context) -> {
                    Key key = keys.get(String.valueOf(jws.getKeyIdHeaderValue()));
                    if (key == null) {
                        throw new UnresolvableKeyException("unknown kid");
                    }
                    return key;
                })
                .build();
    }

    public Uni<SsoPrincipal> verify(String token) {
        String kid;
        try {
            kid = JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (JoseException | RuntimeException e) {
            return Uni.createFrom().failure(ApiException.unauthorized("token is not valid"));
        }
        if (kid == null) {
            return Uni.createFrom().failure(ApiException.unauthorized("token is not valid"));
        }
        Uni<Void> ready;
        long now = clock.getAsLong();
        if (keys.isEmpty()) {
            ready = fetch(); // nothing to verify with yet: sso unreachable is a 503 (its breaker keeps that cheap)
        } else if (now - fetchedAt >= maxAgeMillis && now - lastStaleAttempt >= MIN_REFRESH_MILLIS) {
            // stale: fetched again; sso unreachable keeps the old set, and is asked again only after the quiet period
            lastStaleAttempt = now;
            ready = fetch().onFailure(failure -> !keys.isEmpty()).recoverWithNull();
        } else if (!keys.containsKey(kid) && now - lastUnknownKidFetch >= MIN_REFRESH_MILLIS) {
            lastUnknownKidFetch = now;
            ready = fetch();
        } else {
            ready = Uni.createFrom().voidItem(); // an unknown kid within the quiet period stays unknown: 401
        }
        return ready.map(ignored -> principal(token));
    }

    private SsoPrincipal principal(String token) {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw ApiException.unauthorized(e.hasExpired() ? "token expired" : "token is not valid");
        }
        try {
            String clientId = claims.getStringClaimValue("client_id");
            if (clientId != null) {
                String scope = claims.getStringClaimValue("scope");
                return new SsoPrincipal(claims.getSubject(), null, null, null, null, null, null, clientId,
                        scope == null ? Set.of() : new HashSet<>(List.of(scope.split(" "))));
            }
            Object entity = claims.getClaimValue("entity_id");
            return new SsoPrincipal(claims.getSubject(), Long.valueOf(claims.getSubject()), claims.getStringClaimValue("username"),
                    claims.getStringClaimValue("full_name"), claims.getStringClaimValue("app"), claims.getStringClaimValue("role"),
                    entity instanceof Number n ? n.longValue() : null, null, Set.of());
        } catch (MalformedClaimException | NumberFormatException e) {
            throw ApiException.unauthorized("token is not valid");
        }
    }

    /** One fetch at a time; the key set it reads replaces the old one whole. */
    private Uni<Void> fetch() {
        Uni<Void> current = refreshing;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (refreshing == null) {
                refreshing = jwks.jwks()
                        .map(json -> {
                            Map<String, Key> fresh = new HashMap<>();
                            try {
                                for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
                                    if (jwk instanceof RsaJsonWebKey rsa && jwk.getKeyId() != null) {
                                        fresh.put(jwk.getKeyId(), rsa.getRsaPublicKey());
                                    }
                                }
                            } catch (JoseException e) {
                                throw new UpstreamException.BadResponse("sso", "jwks_unreadable", e);
                            }
                            keys = Map.copyOf(fresh);
                            fetchedAt = clock.getAsLong();
                            LOG.debugf("SSO keys: %s", fresh.keySet());
                            return (Void) null;
                        })
                        .onTermination().invoke(() -> refreshing = null)
                        .memoize().indefinitely();
            }
            return refreshing;
        }
    }
}
