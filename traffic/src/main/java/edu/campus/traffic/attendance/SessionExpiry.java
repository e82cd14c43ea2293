package edu.campus.traffic.attendance;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.kiosk.KioskEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Ends sessions that reached their maximum length (the old system only did so when one was read), and forgets
 * kiosks that were initialised but never registered within the retention period. Safe on every instance at once:
 * each statement only touches rows still in the old state.
 */
@ApplicationScoped
public class SessionExpiry {

    private static final Logger LOG = Logger.getLogger(SessionExpiry.class);

    private final Pool db;
    private final KioskEvents events;
    private final TrafficConfig config;
    private final Counter expired;

    SessionExpiry(Pool db, KioskEvents events, TrafficConfig config, MeterRegistry metrics) {
        this.db = db;
        this.events = events;
        this.config = config;
        this.expired = metrics.counter("traffic_sessions_expired_total");
    }

    @Scheduled(every = "${traffic.session.expiry-every}", delayed = "10s", identity = "session-expiry",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().replaceWithVoid();
    }

    /** One pass; the number of sessions it ended. */
    public Uni<Integer> run() {
        return db.query("update attendance_sessions set status = 'expired', ended_at = now() "
                + "where status = 'active' and expires_at <= now() returning id, kiosk_id, " + KioskEvents.notifySql("kiosk_id"))
                .execute()
                .flatMap(rows -> {
                    for (Row row : rows) {
                        Long kiosk = row.getLong("kiosk_id");
                        if (kiosk != null) {
                            events.changed(kiosk);
                        }
                    }
                    if (rows.rowCount() > 0) {
                        expired.increment(rows.rowCount());
                        LOG.infof("expired %d attendance session(s)", rows.rowCount());
                    }
                    return db.preparedQuery("delete from kiosks where registered_at is null "
                            + "and coalesce(last_seen_at, created_at) < now() - make_interval(secs => $1)")
                            .execute(Tuple.of((double) config.kiosk().unregisteredRetention().toSeconds()))
                            .replaceWith(rows.rowCount());
                });
    }
}
