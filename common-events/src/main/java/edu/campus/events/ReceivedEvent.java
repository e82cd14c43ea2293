package edu.campus.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * An event as a consumer receives it: the envelope of {@link Event}, its {@code data} as JSON (the consumer reads the
 * fields of the version it knows). {@link #parse} refuses what is not an event ({@link PoisonEvent}): such a message can
 * never succeed and goes to the dead-letter queue without retries.
 */
public record ReceivedEvent(UUID id, String type, int version, OffsetDateTime occurredAt, JsonObject data) {

    private static final Pattern TYPE = Pattern.compile("[a-z]+\\.[a-z_]+\\.[a-z_]+");

    /** A message that is not an event of the platform, or a version its consumer does not know. */
    public static final class PoisonEvent extends RuntimeException {
        public PoisonEvent(String message) {
            super(message, null, false, false);
        }
    }

    public static ReceivedEvent parse(byte[] body) {
        JsonObject json;
        try {
            json = new JsonObject(new String(body, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            throw new PoisonEvent("not a JSON object");
        }
        try {
            UUID id = UUID.fromString(json.getString("id"));
            String type = json.getString("type");
            Integer version = json.getInteger("version");
            JsonObject data = json.getJsonObject("data");
            String occurred = json.getString("occurred_at");
            if (type == null || !TYPE.matcher(type).matches() || version == null || version < 1 || data == null || occurred == null) {
                throw new PoisonEvent("not an event envelope (id, type, version, occurred_at, data)");
            }
            return new ReceivedEvent(id, type, version, OffsetDateTime.parse(occurred), data);
        } catch (PoisonEvent e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PoisonEvent("not an event envelope: " + e.getClass().getSimpleName());
        }
    }

    /** This event, when its version is the one a consumer knows; else poison (it can never be handled). */
    public ReceivedEvent requireVersion(int known) {
        if (version != known) {
            throw new PoisonEvent(type + " version " + version + " is not known to this consumer");
        }
        return this;
    }

    /** A required number of {@code data}; a missing or non-numeric one makes the event poison. */
    public long requireLong(String field) {
        Object value = data.getValue(field);
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new PoisonEvent(type + " v" + version + " without " + field);
    }

    /** A required text of {@code data}. */
    public String requireString(String field) {
        Object value = data.getValue(field);
        if (value instanceof String text && !text.isBlank()) {
            return text;
        }
        throw new PoisonEvent(type + " v" + version + " without " + field);
    }
}
