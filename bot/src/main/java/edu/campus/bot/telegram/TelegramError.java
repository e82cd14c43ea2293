package edu.campus.bot.telegram;

import jakarta.ws.rs.core.Response;

import io.vertx.core.json.JsonObject;

/**
 * An error answer of the Bot API: its status, Telegram's description and, for 429, how many seconds to wait. Built
 * without the request (its URL holds the bot's token).
 */
public final class TelegramError extends RuntimeException {

    private final int status;
    private final String description;
    private final long retryAfterSeconds;

    public TelegramError(int status, String description, long retryAfterSeconds) {
        super("telegram answered " + status + (description == null ? "" : ": " + description), null, false, false);
        this.status = status;
        this.description = description;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static TelegramError of(Response response) {
        String description = null;
        long retryAfter = 0;
        try {
            response.bufferEntity();
            JsonObject body = new JsonObject(response.readEntity(String.class));
            description = body.getString("description");
            JsonObject parameters = body.getJsonObject("parameters");
            if (parameters != null && parameters.getValue("retry_after") instanceof Number seconds) {
                retryAfter = seconds.longValue();
            }
        } catch (RuntimeException unreadable) {
            // not Telegram's JSON (a proxy's page): the status says enough
        }
        if (retryAfter == 0 && response.getHeaderString("Retry-After") != null) {
            try {
                retryAfter = Long.parseLong(response.getHeaderString("Retry-After").trim());
            } catch (NumberFormatException ignored) {
                // an HTTP date: use the default wait
            }
        }
        return new TelegramError(response.getStatus(), description, retryAfter);
    }

    public int status() {
        return status;
    }

    public String description() {
        return description;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The message was certainly not delivered and a later try may succeed (Telegram's own trouble, or a 429). */
    public boolean retryable() {
        return status == 429 || status >= 500;
    }
}
