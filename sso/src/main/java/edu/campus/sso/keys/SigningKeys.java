package edu.campus.sso.keys;

import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import edu.campus.common.token.RsaSigningKey;
import edu.campus.sso.SsoConfig;

/**
 * sso's RS256 signing key and every public key still accepted (the current one first): common's {@link RsaSigningKey}
 * from {@code SSO_JWT_PRIVATE_KEY}, or generated once into {@code sso.jwt.key-dir} for local runs.
 */
@Singleton
public class SigningKeys {

    private final RsaSigningKey key;

    SigningKeys(SsoConfig config) {
        SsoConfig.Jwt jwt = config.jwt();
        this.key = new RsaSigningKey(jwt.privateKey(), jwt.keyId(), jwt.previousPublicKeys().orElse(List.of()), jwt.keyDir(),
                "signing-key.pem", "SSO_JWT_PRIVATE_KEY");
    }

    public RSAPrivateCrtKey privateKey() {
        return key.privateKey();
    }

    public String keyId() {
        return key.keyId();
    }

    /** The JWKS document: {@code {"keys":[{kty,kid,use,alg,n,e}, ...]}}. */
    public Map<String, Object> jwks() {
        return key.jwks();
    }
}
