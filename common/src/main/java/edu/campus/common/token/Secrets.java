package edu.campus.common.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque secrets handed to clients (refresh tokens, link codes), what a database keeps of them (SHA-256), and HMAC-SHA256
 * for what is signed with a key of the service's own (Telegram's initData check, kiosk QR codes). The caller
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

    /** HMAC-SHA256 of the message under the key. */
    public static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
