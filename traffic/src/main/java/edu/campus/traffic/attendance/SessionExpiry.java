package edu.campus.traffic.attendance;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.traffic.kiosk.KioskEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ends sessions that reached their maximum length (the old system only did so when one was read), with their
 * {@code traffic.session.closed} events in the same transaction. Safe on every instance at once: the statement only
 * touches sessions still active.
 */
@ApplicationScoped
public class SessionExpiry {

    private static final Logger LOG = Logger.getLogger(SessionExpiry.class);

    private final Pool db;
    private final SessionStore sessions;
    private final SessionEvents sessionEvents;
    private final KioskEvents events;
    private final Counter expired;

    SessionExpiry(Pool db, SessionStore sessions, SessionEvents sessionEvents, KioskEvents events, MeterRegistry metrics) {
        this.db = db;
        this.sessionEvents = sessionEvents;
        this.sessions = sessions;
        this.events = events;
        this.expired = Counter.builder("traffic.sessions.expired").description("Attendance sessions ended by the expiry job")
                .register(metrics);
    }

    @Scheduled(every = "${traffic.session.expiry-every}", delayed = "10s", identity = "session-expiry",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().replaceWithVoid();
    }

    /** One pass; the number of sessions it ended. */
    public Uni<Integer> run() {
        return db.withTransaction(tx -> sessions.expireDue(tx).call(ended -> sessionEvents.closed(tx, ended, SessionEvents.Reason.expired)))
                .map(ended -> {
                    List<Long> kiosks = ended.stream().map(s -> s.kioskId()).toList();
                    kiosks.stream().filter(k -> k != null).forEach(events::changed);
                    if (!kiosks.isEmpty()) {
                        expired.increment(kiosks.size());
                        LOG.infof("expired %d attendance session(s)", kiosks.size());
                    }
                    return kiosks.size();
                });
    }
}
