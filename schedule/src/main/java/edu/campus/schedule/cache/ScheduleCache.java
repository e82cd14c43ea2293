package edu.campus.schedule.cache;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.common.error.ApiException;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import edu.campus.schedule.ScheduleConfig;
import edu.campus.schedule.cache.CacheResult.Status;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * What stands between callers and RUZ:
 * <ul>
 * <li>a fresh copy is answered from the store (TTL per {@link CacheKind});</li>
 * <li>single flight: concurrent misses for one key share one load (per instance);</li>
 * <li>stale-if-error: when the load fails upstream, a copy up to {@code stale-max-age} old is answered, marked
 * STALE with its age; past that age the upstream error goes to the caller. A not-found is an answer, not a
 * failure: it is never hidden behind a stale copy, and it is remembered for {@code not-found-ttl}.</li>
 * </ul>
 */
@ApplicationScoped
public class ScheduleCache {

    private static final Logger LOG = Logger.getLogger(ScheduleCache.class);

    private final CacheStore store;
    private final TimeSource time;
    private final Map<CacheKind, Long> ttlMillis = new EnumMap<>(CacheKind.class);
    private final Duration staleMaxAge;
    private final Map<String, Uni<CacheResult>> inFlight = new ConcurrentHashMap<>();
    private final Map<CacheKind, Map<Status, Counter>> counters = new EnumMap<>(CacheKind.class);
    /** RUZ's recent "not found" answers, per instance: repeated unknown ids are answered without calling RUZ. */
    private final Cache<String, ApiException> notFound;

    ScheduleCache(CacheStore store, TimeSource time, ScheduleConfig config, MeterRegistry registry) {
        this.store = store;
        this.time = time;
        this.staleMaxAge = config.cache().staleMaxAge();
        this.notFound = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(config.cache().notFoundTtl())
                .ticker(() -> time.nowMillis() * 1_000_000).build();
        ttlMillis.put(CacheKind.REFERENCE, config.cache().referenceTtl().toMillis());
        ttlMillis.put(CacheKind.TIMETABLE, config.cache().timetableTtl().toMillis());
        for (CacheKind kind : CacheKind.values()) {
            Map<Status, Counter> byStatus = new EnumMap<>(Status.class);
            for (Status status : Status.values()) {
                byStatus.put(status, Counter.builder("schedule.cache.requests")
                        .description("Schedule answers by data kind and cache result (hit, miss, stale)")
                        .tags("kind", kind.name().toLowerCase(), "result", status.name().toLowerCase())
                        .register(registry));
            }
            counters.put(kind, byStatus);
        }
    }

    /** The cached answer for {@code key}, loading it with {@code loader} (normalized JSON bytes) when not fresh. */
    public Uni<CacheResult> get(CacheKind kind, String key, Supplier<Uni<byte[]>> loader) {
        ApiException known = notFound.getIfPresent(key);
        if (known != null) {
            count(kind, new CacheResult(null, Status.HIT, 0));
            return Uni.createFrom().failure(known);
        }
        return store.get(key).flatMap(entry -> {
            long now = time.nowMillis();
            if (entry != null && now - entry.fetchedAt() < ttlMillis.get(kind)) {
                return Uni.createFrom().item(count(kind, new CacheResult(entry.body(), Status.HIT, ageSeconds(entry, now))));
            }
            return load(kind, key, entry, loader);
        });
    }

    private Uni<CacheResult> load(CacheKind kind, String key, CachedEntry previous, Supplier<Uni<byte[]>> loader) {
        Uni<CacheResult> flight = inFlight.computeIfAbsent(key, k -> store.get(key)
                // a flight that just ended stored its answer before leaving the map: look again before loading
                .flatMap(latest -> {
                    long now = time.nowMillis();
                    if (latest != null && now - latest.fetchedAt() < ttlMillis.get(kind)) {
                        return Uni.createFrom().item(new CacheResult(latest.body(), Status.HIT, ageSeconds(latest, now)));
                    }
                    return Uni.createFrom().deferred(loader::get)
                            .flatMap(body -> store.put(key, new CachedEntry(body, time.nowMillis()), staleMaxAge)
                                    .replaceWith(new CacheResult(body, Status.MISS, 0)))
                            .onFailure().recoverWithUni(failure -> staleOrFail(key, latest != null ? latest : previous, failure));
                })
                .onTermination().invoke(() -> inFlight.remove(key))
                .memoize().indefinitely());
        return flight.invoke(result -> count(kind, result));
    }

    private Uni<CacheResult> staleOrFail(String key, CachedEntry previous, Throwable failure) {
        ApiException mapped = Upstreams.map("ruz", failure);
        if (mapped.status() == 404) {
            notFound.put(key, mapped);
        }
        if (mapped instanceof UpstreamException && previous != null) {
            long now = time.nowMillis();
            if (now - previous.fetchedAt() <= staleMaxAge.toMillis()) {
                LOG.warnf("serving stale %s (%d s old): %s", key, ageSeconds(previous, now), mapped.getMessage());
                return Uni.createFrom().item(new CacheResult(previous.body(), Status.STALE, ageSeconds(previous, now)));
            }
        }
        return Uni.createFrom().failure(mapped);
    }

    /** Forgets every cached answer (operators after a timetable correction; tests between cases). */
    public Uni<Void> clear() {
        notFound.invalidateAll();
        return store.clear();
    }

    private CacheResult count(CacheKind kind, CacheResult result) {
        counters.get(kind).get(result.status()).increment();
        return result;
    }

    private static long ageSeconds(CachedEntry entry, long now) {
        return Math.max(0, (now - entry.fetchedAt()) / 1000);
    }
}
