package edu.campus.common.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import edu.campus.common.error.ApiException;
import edu.campus.common.token.Bearer;
import edu.campus.common.token.KeySet;
import edu.campus.common.token.RsaSigningKey;
import io.smallrye.mutiny.Uni;

/**
 * Verifies the launch tokens main issues to a student for one mini app: RS256, issuer {@code campus.launch.issuer},
 * audience {@code campus.launch.audience} (the app verifying it, e.g. {@code traffic}), short expiry. Local: the public
 * keys come from configuration ({@code LAUNCH_TOKEN_PUBLIC_KEYS}: PEM blocks, or paths of PEM files, comma-separated;
 * several keys allow a rotation) and/or from main's JWKS ({@code LAUNCH_TOKEN_JWKS_URL}, kept as a {@link KeySet}:
 * cached, refreshed every {@code campus.launch.jwks-refresh}, replaced whole on each fetch). A token names its key by
 * {@code kid} = the key's RFC 7638 SHA-256 thumbprint; with a single configured PEM key the {@code kid} may be absent.
 */
@ApplicationScoped
public class LaunchTokenVerifier {

    private static final java.util.regex.Pattern PEM = java.util.regex.Pattern
            .compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s\\\\n]+)-----END PUBLIC KEY-----");

    private final Map<String, PublicKey> keys;
    /** main's published keys, when a JWKS is configured; else null. */
    private final KeySet published;
    private final JwtConsumer consumer;
    private final String audience;

    @Inject
    LaunchTokenVerifier(@ConfigProperty(name = "campus.launch.public-keys") Optional<List<String>> publicKeys,
            @ConfigProperty(name = "campus.launch.issuer", defaultValue = "campus-main") String issuer,
            @ConfigProperty(name = "campus.launch.audience") Optional<String> audience, LaunchKeySource source,
            @ConfigProperty(name = "campus.launch.jwks-refresh", defaultValue = "5m") Duration refresh) {
        this(publicKeys.orElse(List.of()), issuer, audience.orElse(""),
                source.available() ? new KeySet("main", source::jwks, refresh, System::currentTimeMillis) : null);
    }

    /** Keys from PEM only (tests, and services that are given the PEM). */
    LaunchTokenVerifier(Optional<List<String>> publicKeys, String issuer, Optional<String> audience) {
        this(publicKeys.orElse(List.of()), issuer, audience.orElse(""), null);
    }

    public LaunchTokenVerifier(List<String> publicKeys, String issuer, String audience, KeySet published) {
        this.keys = load(publicKeys);
        this.published = published;
        this.audience = audience;
        PublicKey only = keys.size() == 1 ? keys.values().iterator().next() : null;
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setMaxFutureValidityInMinutes(60)
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(issuer)
                .setExpectedAudience(this.audience)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, context) -> {
                    String kid = jws.getKeyIdHeaderValue();
                    Key key = kid == null ? only : keys.get(kid);
                    if (key == null && published != null) {
                        key = published.current(kid);
                    }
                    if (key == null) {
                        throw new UnresolvableKeyException("unknown launch key");
                    }
                    return key;
                })
                .build();
    }

    /** The student of an {@code Authorization: Bearer} launch token; 401 when it is absent or not valid for this app. */
    public Uni<LaunchPrincipal> verifyHeader(String authorization) {
        return Uni.createFrom().item(() -> Bearer.token(authorization)).flatMap(this::verify);
    }

    /**
     * The student of a launch token; a 401 failure when it is not valid for this app. A {@code kid} that no PEM key has
     * is looked up in main's JWKS (fetched when the rules of {@link KeySet} say so: main unreachable with no keys known
     * is a 503, never a 401 that would sign the student out).
     */
    public Uni<LaunchPrincipal> verify(String token) {
        if (keys.isEmpty() && published == null || audience.isEmpty()) {
            return Uni.createFrom().failure(ApiException.unauthorized(
                    "launch tokens are not accepted here (neither LAUNCH_TOKEN_PUBLIC_KEYS nor LAUNCH_TOKEN_JWKS_URL configured)"));
        }
        if (published == null) {
            return Uni.createFrom().item(() -> claims(token));
        }
        String kid;
        try {
            kid = JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (JoseException | RuntimeException e) {
            return Uni.createFrom().failure(ApiException.unauthorized("launch token is not valid"));
        }
        if (kid == null || keys.containsKey(kid)) {
            return Uni.createFrom().item(() -> claims(token));
        }
        return published.key(kid).map(ignored -> claims(token));
    }

    private LaunchPrincipal claims(String token) {
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            if (e.hasExpired()) {
                throw ApiException.unauthorized("launch token expired");
            }
            if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
                throw ApiException.unauthorized("launch token is not valid");
            }
            if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                throw ApiException.unauthorized("launch token is for another app");
            }
            throw ApiException.unauthorized("launch token is not valid");
        }
        try {
            long studentId = Long.parseLong(claims.getSubject());
            if (studentId < 1) {
                throw ApiException.unauthorized("launch token is not valid");
            }
            return new LaunchPrincipal(studentId, claims.getStringClaimValue("name"), claims.getStringClaimValue("email"),
                    claims.getStringClaimValue("group"));
        } catch (MalformedClaimException | NumberFormatException e) {
            throw ApiException.unauthorized("launch token is not valid");
        }
    }

    /** The {@code kid} main puts on tokens signed with {@code key}: its RFC 7638 thumbprint ({@link RsaSigningKey#thumbprint}). */
    public static String keyId(PublicKey key) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("not an RSA public key");
        }
        return RsaSigningKey.thumbprint(rsa);
    }

    static Map<String, PublicKey> load(List<String> entries) {
        Map<String, PublicKey> loaded = new java.util.LinkedHashMap<>();
        for (String entry : entries) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (!text.contains("-----BEGIN")) {
                try {
                    text = Files.readString(Path.of(text));
                } catch (IOException e) {
                    throw new IllegalStateException("LAUNCH_TOKEN_PUBLIC_KEYS: cannot read " + text, e);
                }
            }
            List<PublicKey> found = new ArrayList<>();
            Matcher pem = PEM.matcher(text);
            while (pem.find()) {
                found.add(rsa(pem.group(1).replace("\\n", "").replaceAll("\\s", "")));
            }
            if (found.isEmpty()) {
                throw new IllegalStateException("LAUNCH_TOKEN_PUBLIC_KEYS: no PEM public key in an entry");
            }
            found.forEach(key -> loaded.put(keyId(key), key));
        }
        return Map.copyOf(loaded);
    }

    private static PublicKey rsa(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | IllegalArgumentException e) {
            throw new IllegalStateException("LAUNCH_TOKEN_PUBLIC_KEYS: not an RSA public key", e);
        }
    }
}
