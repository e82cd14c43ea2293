package edu.campus.common.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
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
import java.util.Optional;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * An RS256 signing key and every public key still published (the current one first, then earlier ones kept through a
 * rotation): what sso signs access tokens with and main signs launch tokens with. The private key is a PKCS#8 PEM,
 * given as text or as the path of a PEM file; without one, local runs generate a key once into a folder (mode 600).
 * Key ids are RFC 7638 SHA-256 thumbprints unless configured. Keys are never committed.
 */
public final class RsaSigningKey {

    private static final Logger LOG = Logger.getLogger(RsaSigningKey.class);

    private final RSAPrivateCrtKey privateKey;
    private final String keyId;
    private final Map<String, RSAPublicKey> publicKeys = new LinkedHashMap<>();

    /**
     * @param privateKey PEM text or a PEM file's path; empty: generated into {@code keyDir}/{@code fileName}
     * @param keyId the current key's id; empty: its thumbprint
     * @param previous public keys (PEM text or paths) still published after a rotation
     * @param setting the setting's name, for the messages (e.g. {@code SSO_JWT_PRIVATE_KEY})
     */
    public RsaSigningKey(Optional<String> privateKey, Optional<String> keyId, List<String> previous, Optional<String> keyDir,
            String fileName, String setting) {
        try {
            String pem = privateKey.filter(p -> !p.isBlank()).map(RsaSigningKey::textOrFile).orElse(null);
            if (pem == null) {
                pem = generated(Path.of(keyDir.orElseThrow(() -> new IllegalStateException(
                        "no signing key: set " + setting + " (PKCS#8 PEM, or a PEM file's path), or a key folder for a generated local key")))
                        .resolve(fileName));
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            this.privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
            RSAPublicKey current = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(this.privateKey.getModulus(), this.privateKey.getPublicExponent()));
            this.keyId = keyId.filter(k -> !k.isBlank()).orElse(thumbprint(current));
            publicKeys.put(this.keyId, current);
            for (String entry : previous) {
                if (entry.isBlank()) {
                    continue;
                }
                RSAPublicKey key = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(textOrFile(entry), "PUBLIC KEY")));
                publicKeys.putIfAbsent(thumbprint(key), key);
            }
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load the signing key (" + setting + ")", e);
        }
        if (this.privateKey.getModulus().bitLength() < 2048) {
            throw new IllegalStateException("the signing key must have at least 2048 bits (" + setting + ")");
        }
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The JWKS document: {@code {"keys":[{kty,kid,use,alg,n,e}, ...]}}, the current key first. */
    public Map<String, Object> jwks() {
        List<Map<String, Object>> keys = new ArrayList<>();
        publicKeys.forEach((kid, key) -> {
            RsaJsonWebKey jwk = new RsaJsonWebKey(key);
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            keys.add(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        });
        return Map.of("keys", keys);
    }

    /** RFC 7638 SHA-256 thumbprint of an RSA public key, base64url: the {@code kid} of keys named by their content. */
    public static String thumbprint(RSAPublicKey key) {
        return new RsaJsonWebKey(key).calculateBase64urlEncodedThumbprint("SHA-256");
    }

    private static String textOrFile(String value) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value.strip()));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM and not a readable file: " + value.strip(), e);
        }
    }

    private static String generated(Path file) throws IOException, GeneralSecurityException {
        if (Files.exists(file)) {
            return Files.readString(file);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "signing-key", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort on non-POSIX file systems
        }
        Files.writeString(tmp, pem);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        LOG.infof("generated a local signing key in %s (local runs only: production configures the key)", file);
        return pem;
    }

    private static byte[] der(String pem, String type) {
        String body = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "")
                .replace("\\n", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
