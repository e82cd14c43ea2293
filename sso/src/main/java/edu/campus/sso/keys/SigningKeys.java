package edu.campus.sso.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import edu.campus.sso.SsoConfig;

/**
 * The RS256 signing key and every public key still accepted (the current one first). Keys come from
 * configuration; for local runs a key is generated once into {@code sso.jwt.key-dir}. Keys are never committed.
 */
@Singleton
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final RSAPrivateCrtKey privateKey;
    private final String keyId;
    /** kid → public key, current first. */
    private final Map<String, RSAPublicKey> publicKeys = new LinkedHashMap<>();

    SigningKeys(SsoConfig config) {
        SsoConfig.Jwt jwt = config.jwt();
        try {
            String pem = jwt.privateKey().filter(p -> !p.isBlank()).orElse(null);
            if (pem == null) {
                pem = generatedKey(jwt.keyDir().orElseThrow(() -> new IllegalStateException(
                        "no signing key: set SSO_JWT_PRIVATE_KEY (PKCS#8 PEM), or SSO_JWT_KEY_DIR for a generated local key")));
            }
            this.privateKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
            RSAPublicKey current = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            this.keyId = jwt.keyId().filter(k -> !k.isBlank()).orElse(thumbprint(current));
            publicKeys.put(keyId, current);
            for (String previous : jwt.previousPublicKeys().orElse(List.of())) {
                RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(der(previous, "PUBLIC KEY")));
                publicKeys.putIfAbsent(thumbprint(key), key);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the signing key", e);
        }
        if (privateKey.getModulus().bitLength() < 2048) {
            throw new IllegalStateException("the signing key must have at least 2048 bits");
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The JWKS document: {@code {"keys":[{kty,kid,use,alg,n,e}, ...]}}. */
    public Map<String, Object> jwks() {
        List<Map<String, String>> keys = new ArrayList<>();
        publicKeys.forEach((kid, key) -> {
            Map<String, String> jwk = new LinkedHashMap<>();
            jwk.put("kty", "RSA");
            jwk.put("kid", kid);
            jwk.put("use", "sig");
            jwk.put("alg", "RS256");
            jwk.put("n", base64Url(key.getModulus()));
            jwk.put("e", base64Url(key.getPublicExponent()));
            keys.add(jwk);
        });
        return Map.of("keys", keys);
    }

    private static String generatedKey(String dir) throws IOException, GeneralSecurityException {
        Path file = Path.of(dir).resolve("signing-key.pem");
        if (Files.exists(file)) {
            return Files.readString(file);
        }
        Files.createDirectories(file.getParent());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path tmp = Files.createTempFile(file.getParent(), "signing-key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on non-POSIX file systems
        }
        Files.writeString(tmp, pem);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LOG.infof("generated a local signing key in %s (local runs only: production sets SSO_JWT_PRIVATE_KEY)", file);
        return pem;
    }

    private static byte[] der(String pem, String type) {
        String body = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** RFC 7638 thumbprint of the public key, base64url. */
    static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
