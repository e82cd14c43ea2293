package edu.campus.traffic.kiosk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.token.Secrets;

/**
 * Device secrets and PINs. A device secret is 256 random bits, handed to the kiosk once; the database keeps its
 * SHA-256. PINs are six random digits (uniqueness is the database's job; callers retry on a clash).
 */
@ApplicationScoped
public class KioskSecrets {

    // a bean field, not a static one: a SecureRandom must not be created while the native image is built
    private final SecureRandom random = new SecureRandom();

    public String newSecret() {
        return Secrets.newToken(random);
    }

    public String newPin() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    public byte[] newSessionSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The stored form of a device secret; a shape check first, so junk never costs a hash or a look-up. */
    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean plausible(String secret) {
        if (secret == null || secret.length() != 43) {
            return false;
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
