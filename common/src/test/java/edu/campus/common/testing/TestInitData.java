package edu.campus.common.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Telegram Mini App initData as Telegram signs it for a bot (tests of the services that check it). */
public final class TestInitData {

    private TestInitData() {
    }

    /** initData of {@code telegramId} signed at {@code authDate} (epoch seconds) for the bot with {@code botToken}. */
    public static String of(String botToken, long telegramId, long authDate) {
        String user = "{\"id\":" + telegramId + ",\"first_name\":\"Тест\",\"username\":\"tg" + telegramId + "\"}";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("WebAppData".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] secret = mac.doFinal(botToken.getBytes(StandardCharsets.UTF_8));
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String hash = HexFormat.of().formatHex(mac.doFinal(("auth_date=" + authDate + "\nuser=" + user).getBytes(StandardCharsets.UTF_8)));
            return "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&auth_date=" + authDate + "&hash=" + hash;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
