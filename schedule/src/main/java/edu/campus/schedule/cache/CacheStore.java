package edu.campus.schedule.cache;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/** Where normalized answers are kept: in process, or in Redis to share them between instances. */
public interface CacheStore {

    /** The entry, or null. A store that fails answers null: the cache is an optimisation, never a dependency. */
    Uni<CachedEntry> get(String key);

    /** Keeps the entry for {@code keepFor} (the stale maximum age), then forgets it. Failures are swallowed. */
    Uni<Void> put(String key, CachedEntry entry, Duration keepFor);

    /** Forgets every entry of this store (for Redis: every key under the prefix). */
    Uni<Void> clear();
}
