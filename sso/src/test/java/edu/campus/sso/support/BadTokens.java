package edu.campus.sso.support;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

import edu.campus.sso.auth.Tokens;
import edu.campus.sso.keys.SigningKeys;
import edu.campus.sso.user.User;
import io.smallrye.jwt.build.Jwt;

/** The tokens an auth matrix needs: ours but expired, and look-alikes signed by a stranger's key under our kid. */
public final class BadTokens {

    private static PrivateKey stranger;

    private BadTokens() {
    }

    public static String expired(Tokens tokens, User.App app, User.Role role) {
        User user = new User();
        user.id = 1L;
        user.username = "root";
        user.fullName = "Administrator";
        user.app = app;
        user.role = role;
        return tokens.accessToken(user, Instant.now().minus(Duration.ofHours(2)));
    }

    /** Claims of a sso admin and of a service with every scope, signed by a key that is not ours. */
    public static String forged(SigningKeys keys) {
        return Jwt.issuer("campus-sso").subject("1").claim("app", "sso").claim("role", "admin")
                .claim("client_id", "traffic").claim("scope", "provision:traffic provision:services telegram:link")
                .expiresIn(600).jws().keyId(keys.keyId()).sign(strangerKey());
    }

    public static synchronized PrivateKey strangerKey() {
        if (stranger == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                stranger = generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return stranger;
    }
}
