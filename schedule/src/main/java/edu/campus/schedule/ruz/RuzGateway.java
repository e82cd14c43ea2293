package edu.campus.schedule.ruz;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import edu.campus.common.error.ApiException;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import edu.campus.schedule.ScheduleConfig;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.RateLimitException;
import io.smallrye.mutiny.Uni;

/**
 * The only door to RUZ. One breaker and one rate limit for all of RUZ (it is one upstream); a timeout per
 * attempt; retries with jitter only for unavailable/timeout (every RUZ call is an idempotent read). Values are
 * tunable through {@code quarkus.fault-tolerance."edu.campus.schedule.ruz.RuzGateway/fetch".*}.
 * <p>
 * The rate limit is a Bucket4j token bucket checked on every attempt, not SmallRye's {@code @RateLimit}: with
 * Micrometer, SmallRye FT 6.10 registers {@code ft.ratelimit.calls.total} with two different tag sets and the
 * call then fails inside the metrics layer. It throws SmallRye's {@link RateLimitException}, which neither the
 * retry nor the breaker counts.
 */
@ApplicationScoped
public class RuzGateway {

    private final RuzApi api;
    private final MeterRegistry registry;
    private final Bucket bucket;

    RuzGateway(@RestClient RuzApi api, MeterRegistry registry, ScheduleConfig config) {
        this.api = api;
        this.registry = registry;
        long perSecond = config.ruz().rateLimitPerSecond();
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }

    @Timeout(value = 4, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 150,
            retryOn = { UpstreamException.Unavailable.class, UpstreamException.Timeout.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            failOn = { UpstreamException.class, TimeoutException.class })
    @CircuitBreakerName("ruz")
    public Uni<JsonNode> fetch(RuzCall call) {
        return Uni.createFrom().deferred(() -> {
            if (!bucket.tryConsume(1)) {
                record(call.operation(), System.nanoTime(), new RateLimitException("ruz rate limit reached"));
                return Uni.createFrom().failure(new RateLimitException("ruz rate limit reached"));
            }
            long started = System.nanoTime();
            return call.request().apply(api)
                    .map(RuzGateway::parse)
                    .onFailure().transform(failure -> Upstreams.map(RuzErrors.UPSTREAM, failure))
                    .onItemOrFailure().invoke((body, failure) -> record(call.operation(), started, failure));
        });
    }

    private static JsonNode parse(String body) {
        JsonNode node;
        try {
            node = RuzJson.tree(body);
        } catch (Exception malformed) {
            throw new UpstreamException.BadResponse(RuzErrors.UPSTREAM, "malformed_body", malformed);
        }
        if (node == null || !node.isObject()) {
            throw RuzErrors.badShape("not_an_object");
        }
        if (RuzErrors.isErrorObject(node)) {
            throw RuzErrors.notFound(node.path("text").asText(null));
        }
        return node;
    }

    private void record(String operation, long started, Throwable failure) {
        String outcome = failure == null ? "success"
                : failure instanceof ApiException api ? api.errorCode()
                : failure instanceof RateLimitException ? "rate_limited" : "error";
        Timer.builder("schedule.ruz.requests")
                .description("Calls to RUZ (one per attempt), by operation and outcome")
                .tags("operation", operation, "outcome", outcome)
                .register(registry)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
