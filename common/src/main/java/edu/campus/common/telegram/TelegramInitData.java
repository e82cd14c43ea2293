package edu.campus.common.telegram;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.common.error.ApiException;
import edu.campus.common.token.Secrets;

/**
 * Validates Telegram Mini App {@code initData}: secret = HMAC-SHA256(key "WebAppData", bot token); hash = hex
 * HMAC-SHA256(secret, data-check-string), where the data-check-string is every field but {@code hash},
 * URL-decoded, sorted by key, {@code key=value} joined by {@code \n}. Compared in constant time; {@code auth_date}
 * must be fresh and not in the future. Any failure is a 401 {@code invalid_init_data} that says why.
 */
public final class TelegramInitData {

    /** Clock skew tolerated for an auth_date slightly in the future. */
    static final Duration FUTURE_SKEW = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a valid initData says about its user. {@code fields} are all decoded fields (hash excluded). */
    public record Verified(long telegramId, String username, String firstName, String lastName, Instant authDate,
            Map<String, String> fields) {
    }

    private TelegramInitData() {
    }

    public static Verified verify(String initData, String botToken, Duration maxAge, Instant now) {
        if (initData == null || initData.isBlank() || initData.length() > 8192) {
            throw invalid("malformed");
        }
        if (botToken == null || botToken.isBlank()) {
            throw new IllegalStateException("no bot token configured (TELEGRAM_BOT_TOKEN)");
        }
        Map<String, String> fields = new TreeMap<>();
        String hash = null;
        for (String pair : initData.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw invalid("malformed");
            }
            String key;
            String value;
            try {
                key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalid("malformed");
            }
            if ("hash".equals(key)) {
                hash = value;
            } else if (fields.put(key, value) != null) {
                throw invalid("duplicate_field"); // which copy would be signed? refuse both
            }
        }
        if (hash == null || !hash.matches("[0-9a-fA-F]{64}")) {
            throw invalid("missing_hash");
        }
        StringBuilder check = new StringBuilder();
        fields.forEach((k, v) -> check.append(check.isEmpty() ? "" : "\n").append(k).append('=').append(v));
        byte[] expected = Secrets.hmacSha256(Secrets.hmacSha256("WebAppData".getBytes(StandardCharsets.UTF_8), botToken.getBytes(StandardCharsets.UTF_8)),
                check.toString().getBytes(StandardCharsets.UTF_8));
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(hash.toLowerCase()))) {
            throw invalid("bad_hash");
        }
        Instant authDate;
        try {
            authDate = Instant.ofEpochSecond(Long.parseLong(fields.getOrDefault("auth_date", "")));
        } catch (NumberFormatException e) {
            throw invalid("missing_auth_date");
        }
        if (authDate.isAfter(now.plus(FUTURE_SKEW))) {
            throw invalid("auth_date_in_future");
        }
        if (authDate.isBefore(now.minus(maxAge))) {
            throw invalid("stale");
        }
        JsonNode user;
        try {
            user = JSON.readTree(fields.getOrDefault("user", ""));
        } catch (Exception e) {
            throw invalid("malformed_user");
        }
        if (user == null || !user.path("id").canConvertToLong()) {
            throw invalid("malformed_user");
        }
        return new Verified(user.get("id").asLong(), text(user, "username"), text(user, "first_name"),
                text(user, "last_name"), authDate, Map.copyOf(fields));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ApiException invalid(String reason) {
        return new ApiException(401, "invalid_init_data", "Telegram initData is not valid", Map.of("reason", reason));
    }
}
