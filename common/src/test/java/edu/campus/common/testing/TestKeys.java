package edu.campus.common.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import edu.campus.common.token.RsaSigningKey;

/**
 * A signing key generated for one test run, and the tokens the platform's services exchange, signed with it:
 * SSO user and service tokens (served to the service under test as a JWKS by a stub) and main's launch tokens
 * (the public key handed over as a PEM). Nothing here is ever committed as a key.
 */
public final class TestKeys {

    private final KeyPair pair;
    private final String kid;

    /** A key named {@code kid}; null names it by its RFC 7638 thumbprint (as main names its launch keys). */
    public TestKeys(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.kid = kid != null ? kid : RsaSigningKey.thumbprint((RSAPublicKey) pair.getPublic());
    }

    public String kid() {
        return kid;
    }

    public KeyPair pair() {
        return pair;
    }

    /** {"keys":[...]} with the public key under {@link #kid()}, as SSO's {@code /api/auth/jwks} answers. */
    public String jwks() {
        try {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
            jwk.setKeyId(kid);
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            return new JsonWebKeySet(jwk).toJson();
        } catch (RuntimeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as one-line PEM (fits a system property or an environment variable). */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                + "-----END PUBLIC KEY-----";
    }

    /** An expired token of the same kind as {@link #launch}. */
    public String expiredLaunch(long studentId, String audience) {
        JwtClaims claims = base("campus-main", String.valueOf(studentId), -600);
        claims.setAudience(List.of(audience));
        return sign(claims);
    }

    /** An SSO access token of a user, as sso issues it. */
    public String ssoUser(long userId, String app, String role, Long entityId, String fullName) {
        JwtClaims claims = base("campus-sso", String.valueOf(userId), 900);
        claims.setClaim("username", "user" + userId);
        claims.setClaim("full_name", fullName);
        claims.setClaim("app", app);
        claims.setClaim("role", role);
        if (entityId != null) {
            claims.setClaim("entity_id", entityId);
        }
        return sign(claims);
    }

    /** An SSO service token (client credentials). */
    public String ssoService(String clientId, String... scopes) {
        JwtClaims claims = base("campus-sso", "client:" + clientId, 900);
        claims.setClaim("client_id", clientId);
        claims.setClaim("scope", String.join(" ", scopes));
        return sign(claims);
    }

    /** A launch token of main for one app. */
    public String launch(long studentId, String audience, String name, String email, String group) {
        JwtClaims claims = base("campus-main", String.valueOf(studentId), 300);
        claims.setAudience(List.of(audience));
        claims.setClaim("name", name);
        claims.setClaim("email", email);
        claims.setClaim("group", group);
        return sign(claims);
    }

    /** Any claims, e.g. an expired token: {@code claims(Map.of("iss", ..., "exp", ...))}. */
    public String sign(Map<String, Object> values) {
        JwtClaims claims = new JwtClaims();
        values.forEach(claims::setClaim);
        return sign(claims);
    }

    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaims base(String issuer, String subject, long ttlSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().getEpochSecond() + ttlSeconds));
        return claims;
    }
}
