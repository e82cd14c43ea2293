package edu.campus.traffic.attendance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import edu.campus.common.token.Secrets;

/**
 * The rotating QR token: the first 16 hex characters of HMAC-SHA256(session secret, "{session_id}|{window}"), where
 * window = floor(unix_seconds / rotation_seconds). Only the current and the previous window are accepted; a token of
 * a few windows back is told apart as stale (scan again) from one that never was valid.
 */
public final class QrTokens {

    /** How many windows back a token is still recognised as "stale" rather than "invalid". */
    static final int RECOGNISED_STALE_WINDOWS = 30;

    public enum Check {
        VALID, STALE, INVALID
    }

    private QrTokens() {
    }

    public static long window(long unixSeconds, int rotationSeconds) {
        return Math.floorDiv(unixSeconds, rotationSeconds);
    }

    public static String token(byte[] secret, long sessionId, long window) {
        return HexFormat.of().formatHex(hmac(secret, sessionId, window), 0, 8);
    }

    public static Check check(byte[] secret, long sessionId, int rotationSeconds, String token, long unixSeconds) {
        if (token == null || token.length() != 16) {
            return Check.INVALID;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(token);
        } catch (IllegalArgumentException e) {
            return Check.INVALID;
        }
        long now = window(unixSeconds, rotationSeconds);
        if (matches(secret, sessionId, now, presented) | matches(secret, sessionId, now - 1, presented)) {
            return Check.VALID;
        }
        for (long w = now - 2; w >= now - RECOGNISED_STALE_WINDOWS; w--) {
            if (matches(secret, sessionId, w, presented)) {
                return Check.STALE;
            }
        }
        return Check.INVALID;
    }

    private static boolean matches(byte[] secret, long sessionId, long window, byte[] presented) {
        byte[] expected = new byte[8];
        System.arraycopy(hmac(secret, sessionId, window), 0, expected, 0, 8);
        return MessageDigest.isEqual(expected, presented);
    }

    private static byte[] hmac(byte[] secret, long sessionId, long window) {
        return Secrets.hmacSha256(secret, (sessionId + "|" + window).getBytes(StandardCharsets.US_ASCII));
    }
}
