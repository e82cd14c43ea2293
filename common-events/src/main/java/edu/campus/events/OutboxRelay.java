package edu.campus.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;

import edu.campus.db.ListenOptions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Publishes the outbox to RabbitMQ: pending events, oldest first, a batch per transaction whose rows are locked
 * ({@code FOR UPDATE SKIP LOCKED}: several instances never publish one event at once), each persistent with its id as
 * the message id, and marked sent only after the broker confirmed the batch. It wakes on the outbox's NOTIFY (every
 * instance hears every commit), and every {@code campus.events.poll-every} in case a notification was missed. While the
 * broker is unreachable events wait in the outbox — the service keeps answering — and the relay tries again after a
 * pause that doubles up to {@code campus.events.max-backoff}. A crash between the broker's confirm and the commit
 * publishes those events again: consumers deduplicate by message id (at-least-once).
 */
@ApplicationScoped
// a service that only consumes (the bot) has no outbox: campus.events.publisher=false at build time leaves the relay out
@io.quarkus.arc.properties.UnlessBuildProperty(name = "campus.events.publisher", stringValue = "false", enableIfMissing = true)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long FIRST_BACKOFF_MS = 1000;
    private static final long CLEANUP_EVERY_MS = 60_000;

    private final Vertx vertx;
    private final Pool db;
    private final EventsConfig config;
    private final PgConnectOptions listenOptions;
    private final Counter published;
    private final Counter failures;
    private final AtomicReference<Uni<RabbitMQClient>> client = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile boolean brokerDown;
    private long backoffMs;
    private long lastCleanup;
    private PgSubscriber subscriber;
    private long pollTimer = -1;

    public OutboxRelay(Vertx vertx, Pool db, EventsConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.db = db;
        this.config = config;
        this.listenOptions = ListenOptions.of(url, user, password);
        this.published = Counter.builder("campus.outbox.published").description("Events the broker confirmed").register(registry);
        this.failures = Counter.builder("campus.outbox.publish.failures")
                .description("Relay rounds that failed (broker unreachable or not confirming); the events stay in the outbox")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relay()) {
            LOG.info("outbox relay off (campus.events.relay=false): events stay in the outbox");
            return;
        }
        subscriber = PgSubscriber.subscriber(vertx, listenOptions).reconnectPolicy(attempts -> 1000L);
        subscriber.channel(Outbox.CHANNEL).handler(payload -> wake());
        subscriber.connect().subscribe().with(ok -> wake(),
                failure -> LOG.warnf("outbox notifications unavailable (the relay polls every %s): %s", config.pollEvery(),
                        failure.getMessage()));
        pollTimer = vertx.setPeriodic(config.pollEvery().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (pollTimer >= 0) {
            vertx.cancelTimer(pollTimer);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
        Uni<RabbitMQClient> current = client.getAndSet(null);
        if (current != null) {
            current.flatMap(RabbitMQClient::stop).subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Something may be pending: publish it, unless a round is running (then it goes round once more). */
    public void wake() {
        again.set(true);
        if (stopping || !running.compareAndSet(false, true)) {
            return;
        }
        round();
    }

    private void round() {
        again.set(false);
        publishPending().subscribe().with(count -> {
            if (brokerDown) {
                LOG.infof("broker reachable again: outbox relay publishing");
                brokerDown = false;
            }
            backoffMs = 0;
            cleanupNow();
            running.set(false);
            if (again.get() && !stopping && running.compareAndSet(false, true)) {
                round();
            }
        }, failure -> {
            failures.increment();
            dropClient();
            backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(backoffMs * 2, config.maxBackoff().toMillis());
            if (!brokerDown) {
                LOG.warnf("outbox relay: cannot publish (%s); events wait in the outbox, next try in %d ms", failure.getMessage(),
                        backoffMs);
                brokerDown = true;
            }
            // "running" stays set until the pause is over: wakes meanwhile do not hammer a broker that is down
            vertx.setTimer(backoffMs, id -> {
                running.set(false);
                wake();
            });
        });
    }

    /** Publishes everything pending now, batch after batch; how many events the broker confirmed. */
    public Uni<Integer> publishPending() {
        return publishBatch().flatMap(count -> count < config.batch() ? Uni.createFrom().item(count)
                : publishPending().map(more -> count + more));
    }

    private Uni<Integer> publishBatch() {
        // deferred: a resubscription (a retry) asks for the connection again instead of replaying a failed connect
        return Uni.createFrom().deferred(this::client).flatMap(rabbit -> db.withTransaction(tx -> tx.preparedQuery("""
                select id, routing_key, payload::text as payload, traceparent, created_at from outbox
                where sent_at is null order by created_at, id limit $1 for update skip locked
                """).execute(Tuple.of(config.batch())).flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Row> batch = new ArrayList<>(rows.size());
            rows.forEach(batch::add);
            UUID[] ids = batch.stream().map(row -> row.getUUID("id")).toArray(UUID[]::new);
            return Multi.createFrom().iterable(batch)
                    .onItem().transformToUniAndConcatenate(row -> rabbit.basicPublish(config.exchange(), row.getString("routing_key"),
                            properties(row), Buffer.buffer(row.getString("payload"))))
                    .collect().last()
                    .flatMap(ignored -> rabbit.waitForConfirms(config.confirmTimeout().toMillis()))
                    .flatMap(ignored -> tx.preparedQuery("update outbox set sent_at = now() where id = any($1)").execute(Tuple.of(ids)))
                    .map(ignored -> {
                        published.increment(ids.length);
                        return ids.length;
                    });
        })));
    }

    private static AMQP.BasicProperties properties(Row row) {
        String traceparent = row.getString("traceparent");
        return new AMQP.BasicProperties.Builder()
                .messageId(row.getUUID("id").toString())
                .type(row.getString("routing_key"))
                .contentType("application/json")
                .deliveryMode(2)
                .timestamp(Date.from(row.getOffsetDateTime("created_at").toInstant()))
                .headers(traceparent == null ? null : Map.of("traceparent", traceparent))
                .build();
    }

    /**
     * One connection for every caller; a failed connect is forgotten, and a connection that went away (the broker
     * restarted, the network broke) is replaced, so the next round connects again.
     */
    private Uni<RabbitMQClient> client() {
        Uni<RabbitMQClient> current = client.get();
        if (current == null) {
            return connect();
        }
        return current.flatMap(rabbit -> {
            if (rabbit.isConnected()) {
                return Uni.createFrom().item(rabbit);
            }
            if (client.compareAndSet(current, null)) {
                rabbit.stop().subscribe().with(ok -> { }, ignored -> { });
            }
            return connect();
        });
    }

    private Uni<RabbitMQClient> connect() {
        AtomicReference<Uni<RabbitMQClient>> self = new AtomicReference<>();
        RabbitMQClient rabbit = RabbitMQClient.create(vertx, BrokerOptions.of(config.rabbitmqUrl())
                .setAutomaticRecoveryEnabled(false).setReconnectAttempts(0).setConnectionTimeout(2000).setRequestedHeartbeat(10));
        Uni<RabbitMQClient> connecting = rabbit.start()
                .flatMap(ignored -> rabbit.exchangeDeclare(config.exchange(), "topic", true, false))
                .flatMap(ignored -> rabbit.confirmSelect())
                .replaceWith(rabbit)
                .onFailure().invoke(failed -> {
                    client.compareAndSet(self.get(), null);
                    rabbit.stop().subscribe().with(ok -> { }, ignored -> { });
                })
                .memoize().indefinitely();
        self.set(connecting);
        return client.compareAndSet(null, connecting) ? connecting : client.get() != null ? client.get() : connecting;
    }

    private void dropClient() {
        Uni<RabbitMQClient> current = client.getAndSet(null);
        if (current != null) {
            current.flatMap(RabbitMQClient::stop).subscribe().with(ok -> { }, ignored -> { });
        }
    }

    /** Published events older than {@code campus.events.keep-sent} go, at most once a minute. */
    private void cleanupNow() {
        long now = System.currentTimeMillis();
        if (now - lastCleanup < CLEANUP_EVERY_MS) {
            return;
        }
        lastCleanup = now;
        db.preparedQuery("delete from outbox where sent_at < $1").execute(Tuple.of(
                java.time.OffsetDateTime.ofInstant(Instant.now().minus(config.keepSent()), java.time.ZoneOffset.UTC)))
                .subscribe().with(ok -> { }, failure -> LOG.debugf("outbox cleanup: %s", failure.getMessage()));
    }
}
