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

    public void consume(String key) {
        Bucket bucket = buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            throw new ApiException(429, ErrorCodes.TOO_MANY_REQUESTS, "too many " + what + "; try again later",
                    Map.of("retry_after_seconds", seconds));
        }
    }
}
