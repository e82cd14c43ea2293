package edu.campus.schedule.cache;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;

/**
 * The shared store: every instance of schedule sees what one of them fetched. A value is the fetch time
 * (8 bytes, big-endian millis) followed by the JSON. Redis trouble degrades to a miss, never to an error.
 */
public class RedisCacheStore implements CacheStore {

    private static final Logger LOG = Logger.getLogger(RedisCacheStore.class);
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final ReactiveValueCommands<String, byte[]> values;
    private final ReactiveKeyCommands<String> keys;
    private final String prefix;

    public RedisCacheStore(ReactiveRedisDataSource redis, String prefix) {
        this.values = redis.value(byte[].class);
        this.keys = redis.key();
        this.prefix = prefix;
    }

    @Override
    public Uni<CachedEntry> get(String key) {
        return values.get(prefix + key)
                .ifNoItem().after(TIMEOUT).fail()
                .map(RedisCacheStore::decode)
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("redis cache read failed for %s: %s", key, failure.toString());
                    return null;
                });
    }

    @Override
    public Uni<Void> put(String key, CachedEntry entry, Duration keepFor) {
        return values.set(prefix + key, encode(entry), new SetArgs().px(keepFor))
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("redis cache write failed for %s: %s", key, failure.toString());
                    return null;
                });
    }

    @Override
    public Uni<Void> clear() {
        return keys.scan(new KeyScanArgs().match(prefix + "*").count(500)).toMulti()
                .group().intoLists().of(500)
                .onItem().transformToUniAndConcatenate(batch -> keys.del(batch.toArray(String[]::new)))
                .collect().last().replaceWithVoid();
    }

    static byte[] encode(CachedEntry entry) {
        return ByteBuffer.allocate(Long.BYTES + entry.body().length).putLong(entry.fetchedAt()).put(entry.body()).array();
    }

    static CachedEntry decode(byte[] value) {
        if (value == null || value.length < Long.BYTES) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(value);
        long fetchedAt = buffer.getLong();
        byte[] body = new byte[buffer.remaining()];
        buffer.get(body);
        return new CachedEntry(body, fetchedAt);
    }
}
