package edu.campus.common.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque secrets handed to clients (refresh tokens, link codes) and what a database keeps of them (SHA-256). The caller
 * keeps its {@link SecureRandom} in an instance field: a static one would be created at native-image build time and bake
 * in its seed.
 */
public final class Secrets {

    private Secrets() {
    }

    /** 256 random bits, base64url without padding. */
    public static String newToken(SecureRandom random) {
        return newToken(random, 32);
    }

    /** {@code bytes} random bytes, base64url without padding. */
    public static String newToken(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** SHA-256 of the text's UTF-8 bytes: what is stored of a secret. */
    public static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
