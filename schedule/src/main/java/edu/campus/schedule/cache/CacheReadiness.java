package edu.campus.schedule.cache;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import edu.campus.schedule.ScheduleConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready means able to answer: with the Redis backend, Redis must answer a PING. RUZ is not part of readiness:
 * while it is down the gateway still answers from the cache, which is the point of the gateway.
 */
@Readiness
@ApplicationScoped
public class CacheReadiness implements AsyncHealthCheck {

    private final ScheduleConfig config;
    private final Instance<ReactiveRedisDataSource> redis;

    CacheReadiness(ScheduleConfig config, Instance<ReactiveRedisDataSource> redis) {
        this.config = config;
        this.redis = redis;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (config.cache().backend() != ScheduleConfig.Cache.Backend.redis) {
            return Uni.createFrom().item(HealthCheckResponse.named("schedule-cache").up().withData("backend", "memory").build());
        }
        return redis.get().execute("PING")
                .ifNoItem().after(Duration.ofSeconds(1)).fail()
                .map(pong -> HealthCheckResponse.named("schedule-cache").up().withData("backend", "redis").build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("schedule-cache").down()
                        .withData("backend", "redis").withData("error", failure.getClass().getSimpleName()).build());
    }
}
