package edu.campus.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import edu.campus.common.error.ApiException;
import edu.campus.common.telegram.TelegramInitData;

/** The vector is computed here, independently, from Telegram's published algorithm. */
class TelegramInitDataTest {

    static final String BOT_TOKEN = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final Instant NOW = Instant.ofEpochSecond(1_790_000_000L);
    static final String USER = "{\"id\":279058397,\"first_name\":\"Артём\",\"last_name\":\"Ларионенко\",\"username\":\"larionenko\",\"language_code\":\"ru\"}";
    static final Duration MAX_AGE = Duration.ofSeconds(300);

    static String hmacHex(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    /** initData signed by the bot token, as Telegram would send it (values URL-encoded, hash last). */
    static String signed(long authDate, String user) throws Exception {
        String check = "auth_date=" + authDate + "\nquery_id=AAHdF6IQAAAAAN0XohDhrOrc\nuser=" + user;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("WebAppData".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] secret = mac.doFinal(BOT_TOKEN.getBytes(StandardCharsets.UTF_8));
        return "query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&auth_date=" + authDate + "&hash=" + hmacHex(secret, check);
    }

    @Test
    void aGenuineInitDataIsAccepted() throws Exception {
        var verified = TelegramInitData.verify(signed(NOW.getEpochSecond() - 10, USER), BOT_TOKEN, MAX_AGE, NOW);
        assertEquals(279058397L, verified.telegramId());
        assertEquals("larionenko", verified.username());
        assertEquals("Артём", verified.firstName());
        assertEquals(NOW.minusSeconds(10), verified.authDate());
        assertEquals("AAHdF6IQAAAAAN0XohDhrOrc", verified.fields().get("query_id"));
    }

    @Test
    void tamperingAnyFieldOrTheHashIsRefused() throws Exception {
        String genuine = signed(NOW.getEpochSecond() - 10, USER);
        assertReason("bad_hash", genuine.replace("larionenko", "someoneelse"));
        assertReason("bad_hash", genuine.replace("auth_date=" + (NOW.getEpochSecond() - 10), "auth_date=" + NOW.getEpochSecond()));
        String hash = genuine.substring(genuine.indexOf("hash=") + 5);
        String flipped = (hash.charAt(0) == 'a' ? "b" : "a") + hash.substring(1);
        assertReason("bad_hash", genuine.replace(hash, flipped));
        assertReason("bad_hash", genuine + "&extra=1"); // a field the bot did not sign
        assertReason("missing_hash", genuine.substring(0, genuine.indexOf("&hash=")));
        assertReason("duplicate_field", genuine + "&user=" + "x");
        assertReason("malformed", "");
        // signed with another bot's token
        assertThrows(ApiException.class, () -> TelegramInitData.verify(genuine, "123:other", MAX_AGE, NOW));
    }

    @Test
    void staleAndFutureAuthDatesAreRefused() throws Exception {
        assertReason("stale", signed(NOW.getEpochSecond() - 301, USER));
        TelegramInitData.verify(signed(NOW.getEpochSecond() - 299, USER), BOT_TOKEN, MAX_AGE, NOW);
        assertReason("auth_date_in_future", signed(NOW.getEpochSecond() + 120, USER));
        assertReason("malformed_user", signed(NOW.getEpochSecond(), "{\"first_name\":\"no id\"}"));
    }

    static void assertReason(String reason, String initData) {
        ApiException e = assertThrows(ApiException.class, () -> TelegramInitData.verify(initData, BOT_TOKEN, MAX_AGE, NOW));
        assertEquals(401, e.status());
        assertEquals("invalid_init_data", e.errorCode());
        assertEquals(reason, e.details().get("reason"));
    }
}
