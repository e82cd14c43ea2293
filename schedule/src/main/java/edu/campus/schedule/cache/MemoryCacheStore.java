package edu.campus.schedule.cache;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/** The default store: a bounded Caffeine map in this process. */
public class MemoryCacheStore implements CacheStore {

    private final Cache<String, CachedEntry> entries;

    public MemoryCacheStore(long maxEntries, Duration keepFor) {
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(keepFor).build();
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
