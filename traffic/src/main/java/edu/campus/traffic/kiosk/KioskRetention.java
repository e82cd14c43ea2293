package edu.campus.traffic.kiosk;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.traffic.TrafficConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Forgets kiosks that were initialised but never registered within {@code traffic.kiosk.unregistered-retention}
 * (a tablet that was set up and put away). Safe on every instance at once: the statement only deletes such rows.
 */
@ApplicationScoped
public class KioskRetention {

    private static final Logger LOG = Logger.getLogger(KioskRetention.class);

    private final KioskStore store;
    private final TrafficConfig config;

    KioskRetention(KioskStore store, TrafficConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", identity = "kiosk-retention",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().replaceWithVoid();
    }

    /** One pass; how many kiosks it deleted. */
    public Uni<Integer> run() {
        return store.deleteUnregisteredIdleFor(config.kiosk().unregisteredRetention().toSeconds()).invoke(deleted -> {
            if (deleted > 0) {
                LOG.infof("deleted %d kiosk(s) never registered within the retention period", deleted);
            }
        });
    }
}
