package edu.campus.traffic.support;

import java.time.Duration;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import edu.campus.common.error.ApiException;
import edu.campus.common.error.ErrorCodes;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;

/**
 * A token bucket per key (a user, an address), in this instance's memory: {@code perMinute} calls a minute with
 * bursts up to that many. Idle keys are forgotten. Over the limit: 429 with {@code Retry-After}.
 */
public final class KeyedRateLimiter {

    private final Cache<String, Bucket> buckets;
    private final int perMinute;
    private final String what;

    public KeyedRateLimiter(String what, int perMinute) {
        this.what = what;
        this.perMinute = perMinute;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
    }

    /** Takes one call from the key's bucket, or refuses with 429 when it is empty. */
    public void consume(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw tooMany(probe.getNanosToWaitForRefill());
        }
    }

    /** Refuses with 429 when the key's bucket is empty, without taking from it (what is counted is {@link #record}ed). */
    public void check(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return;
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        if (!probe.canBeConsumed()) {
            throw tooMany(probe.getNanosToWaitForRefill());
        }
    }

    /** Counts one event against the key (an empty bucket stays empty; nothing is thrown). */
    public void record(String key) {
        bucket(key).tryConsume(1);
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
    }

    private ApiException tooMany(long nanosToWait) {
        long seconds = Math.max(1, Duration.ofNanos(nanosToWait).toSeconds() + 1);
        return new ApiException(429, ErrorCodes.TOO_MANY_REQUESTS, "too many " + what + "; try again later",
                Map.of("retry_after_seconds", seconds));
    }
}
