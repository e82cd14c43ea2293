package edu.campus.schedule.cache;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * The default store: a Caffeine map in this process, bounded by the bytes it holds (an entry weighs its body, its key
 * and a fixed overhead), not by a count: a few huge weeks cannot take more memory than many small ones.
 */
public class MemoryCacheStore implements CacheStore {

    /** What an entry costs besides its body and key: the entry, its record and the map's node, roughly. */
    static final int OVERHEAD_BYTES = 96;

    private final Cache<String, CachedEntry> entries;

    public MemoryCacheStore(long maxBytes, Duration keepFor) {
        this.entries = Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher((String key, CachedEntry entry) -> weight(key, entry)).expireAfterWrite(keepFor).build();
    }

    static int weight(String key, CachedEntry entry) {
        long bytes = (long) entry.body().length + 2L * key.length() + OVERHEAD_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** The bytes held now, as weighed (after pending evictions ran). */
    public long weightedSize() {
        entries.cleanUp();
        return entries.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
    }

    @Override
    public Uni<CachedEntry> get(String key) {
        return Uni.createFrom().item(entries.getIfPresent(key));
    }

    @Override
    public Uni<Void> put(String key, CachedEntry entry, Duration keepFor) {
        entries.put(key, entry);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> clear() {
        entries.invalidateAll();
        return Uni.createFrom().voidItem();
    }
}
