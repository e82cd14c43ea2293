package edu.campus.events;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A consumer's record of the events it has handled (the service's own {@code inbox} table: see common-events'
 * README), so that a handler's work happens once per event however often the broker delivers it: the event's id is
 * recorded in the same transaction as the work, and a delivery whose id is already there does nothing. Two
 * deliveries at once (another instance got a redelivery) meet on the primary key: the second waits for the first to
 * commit, then finds the id. Rows older than {@code campus.events.keep-handled} are deleted, at most once a minute.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final long CLEANUP_EVERY_MS = 60_000;

    private final Pool db;
    private final Duration keep;
    private final AtomicLong lastCleanup = new AtomicLong();

    Inbox(Pool db, EventsConfig config) {
        this.db = db;
        this.keep = config.keepHandled();
    }

    /**
     * Runs {@code work} in a transaction that also records {@code (consumer, event id)}: true when it ran, false when
     * the event had been handled before (nothing ran). A failed work rolls the record back: the next delivery tries again.
     */
    public Uni<Boolean> once(String consumer, UUID eventId, Function<SqlClient, Uni<Void>> work) {
        cleanupNow();
        return db.withTransaction(tx -> tx.preparedQuery("insert into inbox (consumer, event_id) values ($1, $2) on conflict do nothing")
                .execute(Tuple.of(consumer, eventId))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false) : work.apply(tx).replaceWith(true)));
    }

    /** Whether {@code consumer} has handled the event. */
    public Uni<Boolean> handled(String consumer, UUID eventId) {
        return db.preparedQuery("select 1 from inbox where consumer = $1 and event_id = $2").execute(Tuple.of(consumer, eventId))
                .map(rows -> rows.size() > 0);
    }

    private void cleanupNow() {
        long now = System.currentTimeMillis();
        long last = lastCleanup.get();
        if (now - last < CLEANUP_EVERY_MS || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        db.preparedQuery("delete from inbox where handled_at < $1")
                .execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(keep)))
                .subscribe().with(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.debugf("inbox: forgot %d handled events", rows.rowCount());
                    }
                }, failure -> LOG.warnf("inbox cleanup failed: %s", failure.getMessage()));
    }
}
