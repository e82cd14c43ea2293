package edu.campus.main.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import edu.campus.common.token.RsaSigningKey;
import edu.campus.main.MainConfig;
import io.smallrye.jwt.build.Jwt;

/**
 * main's RS256 key: it signs launch tokens for the mini apps and students' own access tokens (audience {@code main}).
 * {@code kid} = the RFC 7638 thumbprint; the public keys (the current one and any kept through a rotation) are
 * published as JWKS at {@code /api/main/.well-known/jwks.json}, which traffic and services trust.
 */
@Singleton
public class LaunchKeys {

    public static final String ISSUER = "campus-main";
    /** The audience of students' access tokens to main itself. */
    public static final String MAIN_AUDIENCE = "main";

    private final RsaSigningKey key;

    LaunchKeys(MainConfig config) {
        MainConfig.Launch launch = config.launch();
        this.key = new RsaSigningKey(launch.privateKey(), java.util.Optional.empty(), launch.previousPublicKeys().orElse(List.of()),
                launch.keyDir(), "private.pem", "MAIN_LAUNCH_TOKEN_PRIVATE_KEY");
    }

    /** A token for {@code audience} about a student, valid {@code ttl} from {@code now}. */
    public String sign(String audience, long studentId, String name, String email, String group, Instant now, Duration ttl) {
        var claims = Jwt.issuer(ISSUER)
                .audience(audience)
                .subject(String.valueOf(studentId))
                .issuedAt(now)
                .expiresAt(now.plus(ttl));
        if (name != null) {
            claims.claim("name", name);
        }
        if (email != null) {
            claims.claim("email", email);
        }
        if (group != null) {
            claims.claim("group", group);
        }
        return claims.jws().keyId(key.keyId()).sign(key.privateKey());
    }

    public Map<String, Object> jwks() {
        return key.jwks();
    }
}
