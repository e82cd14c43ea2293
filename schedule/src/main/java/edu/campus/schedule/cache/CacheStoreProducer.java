package edu.campus.schedule.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import edu.campus.schedule.ScheduleConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/** Picks the store from {@code schedule.cache.backend}; Redis is only touched when chosen. */
public class CacheStoreProducer {

    @Produces
    @ApplicationScoped
    CacheStore store(ScheduleConfig config, Instance<ReactiveRedisDataSource> redis) {
        ScheduleConfig.Cache cache = config.cache();
        return switch (cache.backend()) {
            case redis -> new RedisCacheStore(redis.get(), cache.redisPrefix());
            case memory -> new MemoryCacheStore(cache.maxSize().asLongValue(), cache.staleMaxAge());
        };
    }
}
