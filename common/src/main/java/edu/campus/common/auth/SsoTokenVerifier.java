package edu.campus.common.auth;

import java.security.Key;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * Verifies SSO's tokens locally: RS256 only, issuer checked, keys from SSO's JWKS cached by {@code kid}. An
 * unknown {@code kid} (a rotation) refreshes the keys, at most once per {@link #MIN_REFRESH_MILLIS}.
 */
@ApplicationScoped
public class SsoTokenVerifier {

    static final long MIN_REFRESH_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(SsoTokenVerifier.class);

    private final JwksSource jwks;
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final JwtConsumer consumer;
    private volatile long lastRefresh;
    private volatile Uni<Void> refreshing;

    SsoTokenVerifier(JwksSource jwks, @ConfigProperty(name = "campus.sso.issuer", defaultValue = "campus-sso") String issuer) {
        this.jwks = jwks;
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
        Uni<Void> ready = keys.containsKey(kid) ? Uni.createFrom().voidItem() : refresh();
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

    /** One refresh at a time, and not more often than every 30 s: a stream of forged kids cannot hammer SSO. */
    private Uni<Void> refresh() {
        Uni<Void> current = refreshing;
        if (current != null) {
            return current;
        }
        if (System.currentTimeMillis() - lastRefresh < MIN_REFRESH_MILLIS) {
            return Uni.createFrom().voidItem(); // the kid stays unknown: verification answers 401
        }
        synchronized (this) {
            if (refreshing == null) {
                refreshing = jwks.jwks()
                        .map(json -> {
                            try {
                                for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
                                    if (jwk instanceof RsaJsonWebKey rsa && jwk.getKeyId() != null) {
                                        keys.put(jwk.getKeyId(), rsa.getRsaPublicKey());
                                    }
                                }
                            } catch (JoseException e) {
                                throw new UpstreamException.BadResponse("sso", "jwks_unreadable", e);
                            }
                            // only a successful fetch starts the quiet period: after a failure the next request tries again
                            lastRefresh = System.currentTimeMillis();
                            LOG.debugf("SSO keys: %s", keys.keySet());
                            return (Void) null;
                        })
                        .onTermination().invoke(() -> refreshing = null)
                        .memoize().indefinitely();
            }
            return refreshing;
        }
    }

}
