package edu.campus.main.gradebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import edu.campus.main.MainConfig;

/**
 * Seals the gradebook upstream's sessions at rest: AES-256-GCM under {@code MAIN_GRADEBOOK_KEY} (base64 of 32 bytes),
 * a fresh 12-byte nonce per seal, the student id as associated data (a row copied to another student does not open).
 * Local runs generate the key once into {@code main.gradebook.key-file}.
 */
@Singleton
public class SessionCipher {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SessionCipher(MainConfig config) {
        byte[] raw = config.gradebook().key().filter(k -> !k.isBlank()).map(k -> Base64.getDecoder().decode(k.strip()))
                .orElseGet(() -> fromFile(config.gradebook().keyFile().orElseThrow(() -> new IllegalStateException(
                        "no gradebook key: set MAIN_GRADEBOOK_KEY (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)"))));
        if (raw.length != 32) {
            throw new IllegalStateException("MAIN_GRADEBOOK_KEY must be 32 bytes (base64), not " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public byte[] seal(long studentId, byte[] plain) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(studentId));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal", e);
        }
    }

    /** The plain bytes, or null when the box does not open (another key, another student, tampered). */
    public byte[] open(long studentId, byte[] sealed) {
        if (sealed == null || sealed.length <= NONCE) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            cipher.updateAAD(aad(studentId));
            return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static byte[] aad(long studentId) {
        return ("student:" + studentId).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // best effort
                }
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the gradebook key file " + file, e);
        }
    }
}
