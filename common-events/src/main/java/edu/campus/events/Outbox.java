package edu.campus.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The transactional outbox: an event is written in the same transaction as the change it reports (so both commit or
 * neither does), and the transaction's commit wakes the relays of every instance ({@code NOTIFY campus_outbox}). The
 * {@code outbox} table is the service's own (its migration creates it: see common-events' README). The event keeps the
 * W3C {@code traceparent} of the work that wrote it; the relay sends it on as a message header, so a consumer's work
 * joins the same trace.
 */
@ApplicationScoped
public class Outbox {

    public static final String CHANNEL = "campus_outbox";
    private static final Pattern TYPE = Pattern.compile("[a-z]+\\.[a-z_]+\\.[a-z_]+");

    private final ObjectMapper json;

    Outbox(ObjectMapper json) {
        this.json = json;
    }

    /** Adds an event of {@code type} (version {@code version} of its schema) to the caller's transaction; its id. */
    public Uni<UUID> add(SqlClient tx, String type, int version, Object data) {
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("an event type is <service>.<entity>.<event>, not " + type);
        }
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = json.writeValueAsString(new Event(id, type, version, OffsetDateTime.now(ZoneOffset.UTC), data));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an event's data must be JSON", e);
        }
        return tx.preparedQuery("insert into outbox (id, routing_key, payload, traceparent) values ($1, $2, $3::text::jsonb, $4)")
                .execute(Tuple.of(id, type, payload, traceparent()))
                .flatMap(ignored -> tx.query("notify " + CHANNEL).execute())
                .replaceWith(id);
    }

    /** The current span's {@code traceparent}, or null outside any trace. */
    static String traceparent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }
}
