package edu.campus.sso.auth;

import java.security.SecureRandom;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;


import edu.campus.common.token.Secrets;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.keys.SigningKeys;
import edu.campus.sso.user.User;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Mints access tokens (RS256, short-lived) and makes refresh tokens and link codes (random, stored hashed). */
@ApplicationScoped
public class Tokens {

    /** An instance field on purpose: a static one would be created at image build time and bake in its seed. */
    private final SecureRandom random = new SecureRandom();
    private final SigningKeys keys;
    private final SsoConfig.Jwt config;

    Tokens(SigningKeys keys, SsoConfig config) {
        this.keys = keys;
        this.config = config.jwt();
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

    /** 256 random bits, base64url: what the client keeps. */
    public String newRefreshToken() {
        return Secrets.newToken(random);
    }

    /** What the database keeps of a refresh token or link code. */
    public static byte[] hash(String secret) {
        return Secrets.sha256(secret);
    }

}
