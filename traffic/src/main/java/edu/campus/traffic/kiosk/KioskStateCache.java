package edu.campus.traffic.kiosk;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.kiosk.KioskSnapshot.ActiveSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The hot path's memory: kiosk snapshots by secret hash, each served for {@code traffic.kiosk.state-ttl} and dropped
 * at once when the kiosk changes ({@link KioskEvents}). Concurrent polls of one kiosk share one database read; an
 * unknown secret is remembered as unknown for the same time (a flood of wrong secrets cannot flood the database).
 */
@ApplicationScoped
public class KioskStateCache {

    private static final class Entry {
        final long loadedAt;
        Uni<Optional<KioskSnapshot>> snapshot;
        /** The loaded snapshot once the read finished (null before): the hot path takes it without any Uni operator. */
        volatile Optional<KioskSnapshot> resolved;

        Entry(long loadedAt) {
            this.loadedAt = loadedAt;
        }
    }

    private final Cache<String, Entry> bySecret = Caffeine.newBuilder().maximumSize(100_000).build();
    /**
     * Secrets no kiosk holds, remembered apart from the kiosks' snapshots: a flood of wrong secrets can never push a
     * real kiosk out of memory (and it is bounded per address by the wrong-secret limit).
     */
    private final Cache<String, Boolean> unknown;
    private final ConcurrentHashMap<Long, String> secretOfKiosk = new ConcurrentHashMap<>();
    /** Reads in flight, by secret hash: a change of a kiosk not known here drops these, and only these. */
    private final ConcurrentHashMap<String, Entry> loading = new ConcurrentHashMap<>();
    private final KioskStore store;
    private final ObjectMapper json;
    private final long ttlNanos;
    private final Counter hits;
    private final Counter loads;

    KioskStateCache(KioskStore store, ObjectMapper json, TrafficConfig config, MeterRegistry registry) {
        this.store = store;
        this.json = json;
        this.ttlNanos = config.kiosk().stateTtl().toNanos();
        this.unknown = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.kiosk().stateTtl()).build();
        io.micrometer.core.instrument.Gauge.builder("traffic.kiosk.state.cached", bySecret, Cache::estimatedSize)
                .description("Kiosk snapshots held in memory").register(registry);
        this.hits = stateRequests(registry, "hit");
        this.loads = stateRequests(registry, "load");
    }

    private static Counter stateRequests(MeterRegistry registry, String result) {
        return Counter.builder("traffic.kiosk.state.requests").description("Kiosk state look-ups: served from memory (hit) or read (load)")
                .tag("result", result).register(registry);
    }

    /**
     * The fresh, already loaded snapshot for this secret, or null when it must be (or is being) read: the hot path.
     * An empty optional means "no kiosk holds this secret".
     */
    public Optional<KioskSnapshot> cached(byte[] secretHash) {
        String key = HexFormat.of().formatHex(secretHash);
        if (unknown.getIfPresent(key) != null) {
            hits.increment();
            return Optional.empty();
        }
        Entry current = bySecret.getIfPresent(key);
        if (current != null && current.resolved != null && System.nanoTime() - current.loadedAt < ttlNanos) {
            hits.increment();
            return current.resolved;
        }
        return null;
    }

    /** The kiosk holding this secret, or empty when no kiosk does; concurrent misses share one read. */
    public Uni<Optional<KioskSnapshot>> get(byte[] secretHash) {
        String key = HexFormat.of().formatHex(secretHash);
        if (unknown.getIfPresent(key) != null) {
            hits.increment();
            return Uni.createFrom().item(Optional.empty());
        }
        long now = System.nanoTime();
        Entry current = bySecret.getIfPresent(key);
        if (current != null && now - current.loadedAt < ttlNanos) {
            hits.increment();
            return current.snapshot;
        }
        Entry entry = bySecret.asMap().compute(key, (k, old) -> {
            if (old != null && now - old.loadedAt < ttlNanos) {
                return old;
            }
            Entry fresh = new Entry(now);
            fresh.snapshot = load(k, secretHash, fresh);
            return fresh;
        });
        return entry.snapshot;
    }

    /** How many kiosk snapshots are held (a gauge, and for tests). */
    public long size() {
        bySecret.cleanUp();
        return bySecret.estimatedSize();
    }

    public void invalidate(long kioskId) {
        String key = secretOfKiosk.remove(kioskId);
        if (key != null) {
            bySecret.invalidate(key);
            return;
        }
        // not known here yet: it was never read, or its first read is in flight and may predate the change, so
        // reads in flight are dropped (their callers still get an answer; the next poll reads again). Never a scan of
        // the whole cache: a change notice costs the reads in flight, however many secrets are cached.
        loading.forEach((secret, entry) -> bySecret.asMap().remove(secret, entry));
    }

    private Uni<Optional<KioskSnapshot>> load(String key, byte[] secretHash, Entry entry) {
        loads.increment();
        loading.put(key, entry);
        return store.stateBySecretHash(secretHash)
                .onTermination().invoke(() -> loading.remove(key, entry))
                .map(row -> {
                    if (row.isEmpty()) {
                        entry.resolved = Optional.empty();
                        unknown.put(key, Boolean.TRUE);
                        bySecret.asMap().remove(key, entry);
                        return entry.resolved;
                    }
                    KioskSnapshot snapshot = KioskStateJson.withBody(snapshot(row.get()), json);
                    secretOfKiosk.put(snapshot.kioskId(), key);
                    entry.resolved = Optional.of(snapshot);
                    return entry.resolved;
                })
                .onFailure().invoke(failure -> bySecret.asMap().computeIfPresent(key, (k, e) -> null))
                .memoize().indefinitely();
    }

    static KioskSnapshot snapshot(Row row) {
        ActiveSession session = null;
        Long sessionId = row.getLong("session_id");
        if (sessionId != null) {
            session = new ActiveSession(sessionId, row.getString("discipline"), row.getString("teacher_name"),
                    row.getString("lesson_start"), row.getString("lesson_end"), row.getOffsetDateTime("started_at"),
                    row.getOffsetDateTime("expires_at"), row.getLong("attendees"),
                    HexFormat.of().formatHex(row.getBuffer("secret").getBytes()), row.getInteger("rotation_seconds"));
        }
        return new KioskSnapshot(row.getLong("id"), row.getUUID("device_id"), row.getString("registration_pin"),
                row.getString("display_pin"), row.getLong("building_id"), row.getString("building_name"), row.getLong("room_id"),
                row.getString("room_name"), session, null);
    }
}
