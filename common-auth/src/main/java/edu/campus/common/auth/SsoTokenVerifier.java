package edu.campus.common.auth;

import java.security.Key;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
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
import edu.campus.common.token.KeySet;
import io.smallrye.mutiny.Uni;

/**
 * Verifies SSO's tokens locally: RS256 only, issuer checked, keys from SSO's JWKS by {@code kid}. Each fetch replaces
 * the whole key set (a key sso no longer publishes stops verifying), the set is fetched again once it is older than
 * {@code campus.sso.jwks-refresh} (a failed fetch keeps the set it had), and an unknown {@code kid} (a rotation) fetches
 * at most once per {@link #MIN_REFRESH_MILLIS}.
 */
@ApplicationScoped
public class SsoTokenVerifier {

    static final long MIN_REFRESH_MILLIS = KeySet.MIN_REFRESH_MILLIS;

    private final KeySet keys;
    private final JwtConsumer consumer;

    @jakarta.inject.Inject
    SsoTokenVerifier(JwksSource jwks, @ConfigProperty(name = "campus.sso.issuer", defaultValue = "campus-sso") String issuer,
            @ConfigProperty(name = "campus.sso.jwks-refresh", defaultValue = "5m") java.time.Duration maxAge) {
        this(jwks, issuer, maxAge, System::currentTimeMillis);
    }

    SsoTokenVerifier(JwksSource jwks, String issuer, java.time.Duration maxAge, LongSupplier clock) {
        this.keys = new KeySet("sso", jwks::jwks, maxAge, clock);
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(issuer)
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, context) -> {
                    Key key = keys.current(jws.getKeyIdHeaderValue());
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
        return keys.key(kid).map(ignored -> principal(token));
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
}
