package edu.campus.db;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Future;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * The services' PostgreSQL pool with the bounds Quarkus has no setting for: at most {@code campus.db.max-wait-queue}
 * requests wait for a connection (more are refused at once), a wait lasts at most {@code campus.db.pool-wait-timeout},
 * and connecting gives up after {@code campus.db.connect-timeout}. Each refusal reaches the caller as a 503
 * {@code database_unavailable} (common's {@code DatabaseFailures}), so a stalled or unreachable database never queues
 * requests without end. Everything else is Quarkus's configuration as it prepared it.
 */
@Singleton
public class BoundedPgPool implements PgPoolCreator {

    private final int maxWaitQueue;
    private final Duration waitTimeout;
    private final Duration connectTimeout;

    BoundedPgPool(@ConfigProperty(name = "campus.db.max-wait-queue", defaultValue = "256") int maxWaitQueue,
            @ConfigProperty(name = "campus.db.pool-wait-timeout", defaultValue = "5s") Duration waitTimeout,
            @ConfigProperty(name = "campus.db.connect-timeout", defaultValue = "2s") Duration connectTimeout) {
        this.maxWaitQueue = maxWaitQueue;
        this.waitTimeout = waitTimeout;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions()
                .setMaxWaitQueueSize(maxWaitQueue)
                .setConnectionTimeout((int) Math.max(1, waitTimeout.toMillis()))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setConnectTimeout((int) Math.max(1, connectTimeout.toMillis()));
        }
        List<PgConnectOptions> servers = List.copyOf(input.pgConnectOptionsList());
        var builder = PgBuilder.pool().with(pool).using(input.vertx());
        if (servers.size() == 1) {
            return builder.connectingTo(servers.get(0)).build();
        }
        AtomicInteger next = new AtomicInteger(); // several URLs: round robin, as Quarkus does
        return builder.connectingTo(() -> Future.succeededFuture(servers.get(Math.floorMod(next.getAndIncrement(), servers.size()))))
                .build();
    }
}
