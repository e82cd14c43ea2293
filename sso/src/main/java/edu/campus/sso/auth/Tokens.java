package edu.campus.sso.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import edu.campus.common.auth.Bearer;
import edu.campus.common.error.ApiException;
import edu.campus.common.error.ErrorCodes;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.keys.SigningKeys;
import edu.campus.sso.user.User;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Mints access tokens (RS256, short-lived), makes refresh tokens (random, stored hashed) and verifies access tokens. */
@ApplicationScoped
public class Tokens {

    /** An instance field on purpose: a static one would be created at image build time and bake in its seed. */
    private final SecureRandom random = new SecureRandom();
    private final SigningKeys keys;
    private final SsoConfig.Jwt config;
    private final JwtConsumer consumer;

    Tokens(SigningKeys keys, SsoConfig config) {
        this.keys = keys;
        this.config = config.jwt();
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(this.config.issuer())
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, context) -> {
                    var key = keys.publicKey(jws.getKeyIdHeaderValue());
                    if (key == null) {
                        throw new org.jose4j.lang.UnresolvableKeyException("unknown kid");
                    }
                    return key;
                })
                .build();
    }

    public String accessToken(User user, Instant now) {
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .subject(String.valueOf(user.id))
                .upn(user.username)
                .claim("username", user.username)
                .claim("full_name", user.fullName)
                .claim("app", user.app.name())
                .claim("role", user.role.name())
                .groups(user.app.name() + ":" + user.role.name())
                .issuedAt(now)
                .expiresAt(now.plus(config.accessTtl()));
        if (user.entityId != null) {
            claims.claim("entity_id", user.entityId);
        }
        return claims.jws().keyId(keys.keyId()).sign(keys.privateKey());
    }

    public long accessTtlSeconds() {
        return config.accessTtl().toSeconds();
    }

    /** The claims of a valid user access token of ours; a 401 in the error format otherwise. */
    public JwtClaims verify(String token) {
        JwtClaims claims = signed(token);
        if (claims.getClaimValue("client_id") != null) {
            // valid, but a service's: the wrong kind of caller, as common's filter answers too
            throw ApiException.forbidden("a user's access token is required");
        }
        if (claims.getClaimValue("app") == null || claims.getClaimValue("role") == null) {
            throw ApiException.unauthorized("not an access token");
        }
        return claims;
    }

    /**
     * The claims of a valid service token carrying {@code scope}: 401 when the token is missing or not valid,
     * 403 when it is valid but is a user's token or lacks the scope.
     */
    public JwtClaims verifyService(String authorization, String scope) {
        JwtClaims claims = signed(Bearer.token(authorization));
        Object scopes = claims.getClaimValue("scope");
        if (claims.getClaimValue("client_id") == null || scopes == null) {
            throw ApiException.forbidden("a service token is required");
        }
        if (!java.util.Arrays.asList(scopes.toString().split(" ")).contains(scope)) {
            throw new ApiException(403, ErrorCodes.FORBIDDEN, "the token lacks the scope " + scope, java.util.Map.of("scope", scope));
        }
        return claims;
    }

    private JwtClaims signed(String token) {
        try {
            return consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw ApiException.unauthorized(e.hasExpired() ? "token expired" : "token is not valid");
        }
    }

    public static long subject(JwtClaims claims) {
        try {
            return Long.parseLong(claims.getSubject());
        } catch (MalformedClaimException | NumberFormatException e) {
            throw ApiException.unauthorized("token is not valid");
        }
    }

    /** 256 random bits, base64url: what the client keeps. */
    public String newRefreshToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What the database keeps of a refresh token or link code. */
    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
