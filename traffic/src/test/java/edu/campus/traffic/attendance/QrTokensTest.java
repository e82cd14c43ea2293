package edu.campus.traffic.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The QR token against vectors computed independently (Python's hmac), and the window edges. */
class QrTokensTest {

    private static final byte[] SECRET = new byte[32];

    static {
        for (int i = 0; i < SECRET.length; i++) {
            SECRET[i] = (byte) i;
        }
    }

    @Test
    void tokenIsTheFirst16HexOfTheHmacOfSessionAndWindow() {
        assertEquals("1d4800850f84cf3d", QrTokens.token(SECRET, 42, 1000));
        assertEquals("5c3687dadc0f6433", QrTokens.token(SECRET, 42, 999));
        assertEquals("12e652fa1cba89fd", QrTokens.token(SECRET, 42, 998));
    }

    @Test
    void windowsAreFloorOfUnixSecondsByRotation() {
        assertEquals(1000, QrTokens.window(10_000, 10));
        assertEquals(1000, QrTokens.window(10_009, 10));
        assertEquals(1001, QrTokens.window(10_010, 10));
        assertEquals(-1, QrTokens.window(-1, 10));
    }

    @Test
    void currentAndPreviousWindowAreValidOlderIsStaleOtherwiseInvalid() {
        String current = QrTokens.token(SECRET, 42, 1000);
        String previous = QrTokens.token(SECRET, 42, 999);
        assertEquals(QrTokens.Check.VALID, QrTokens.check(SECRET, 42, 10, current, 10_000));
        assertEquals(QrTokens.Check.VALID, QrTokens.check(SECRET, 42, 10, current, 10_009));
        assertEquals(QrTokens.Check.VALID, QrTokens.check(SECRET, 42, 10, previous, 10_009));
        // at the first second of window 1001, 999 is two windows back
        assertEquals(QrTokens.Check.STALE, QrTokens.check(SECRET, 42, 10, previous, 10_010));
        assertEquals(QrTokens.Check.VALID, QrTokens.check(SECRET, 42, 10, current, 10_010));
        assertEquals(QrTokens.Check.STALE, QrTokens.check(SECRET, 42, 10, current, 10_000 + 10 * QrTokens.RECOGNISED_STALE_WINDOWS));
        assertEquals(QrTokens.Check.INVALID, QrTokens.check(SECRET, 42, 10, current, 10_000 + 10 * (QrTokens.RECOGNISED_STALE_WINDOWS + 1)));
        // a token of the next window (a kiosk clock ahead) is not accepted
        assertEquals(QrTokens.Check.INVALID, QrTokens.check(SECRET, 42, 10, QrTokens.token(SECRET, 42, 1001), 10_000));
    }

    @Test
    void anotherSessionOrMalformedTokensAreInvalid() {
        String current = QrTokens.token(SECRET, 42, 1000);
        assertEquals(QrTokens.Check.INVALID, QrTokens.check(SECRET, 43, 10, current, 10_000));
        assertEquals(QrTokens.Check.INVALID, QrTokens.check(SECRET, 42, 10, null, 10_000));
        assertEquals(QrTokens.Check.INVALID, QrTokens.check(SECRET, 42, 10, "zz4800850f84cf3d", 10_000));
        assertEquals(QrTokens.Check.INVALID, QrTokens.check(SECRET, 42, 10, current.substring(1), 10_000));
        assertEquals(QrTokens.Check.VALID, QrTokens.check(SECRET, 42, 10, current.toUpperCase(), 10_000));
    }
}
