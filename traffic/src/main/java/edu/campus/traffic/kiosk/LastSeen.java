package edu.campus.traffic.kiosk;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.traffic.TrafficConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * When each kiosk was last heard from. A poll only notes it in memory; one statement a flush period writes them all,
 * so thousands of polls a second cost the database one update every {@code traffic.kiosk.last-seen-flush}. A kiosk that
 * was dark (not heard from here within the online window) is written within {@link #EDGE_DELAY_MS}, so that every
 * instance sees it come online at once and not a flush period later.
 */
@ApplicationScoped
public class LastSeen {

    private static final Logger LOG = Logger.getLogger(LastSeen.class);
    static final long EDGE_DELAY_MS = 100;

    /** Heard from since the last flush. */
    private final ConcurrentHashMap<Long, Long> seen = new ConcurrentHashMap<>();
    /** Last heard from by this instance, within about two windows: where a dark kiosk coming back shows. */
    private final ConcurrentHashMap<Long, Long> latest = new ConcurrentHashMap<>();
    private final AtomicBoolean flushSoon = new AtomicBoolean();
    private final KioskStore store;
    private final Vertx vertx;
    private final long windowMillis;

    LastSeen(KioskStore store, Vertx vertx, TrafficConfig config) {
        this.store = store;
        this.vertx = vertx;
        this.windowMillis = config.kiosk().onlineWindow().toMillis();
    }

    public void seen(long kioskId) {
        long now = System.currentTimeMillis();
        seen.put(kioskId, now);
        Long before = latest.put(kioskId, now);
        if ((before == null || now - before >= windowMillis) && flushSoon.compareAndSet(false, true)) {
            vertx.setTimer(EDGE_DELAY_MS, timer -> {
                flushSoon.set(false);
                flush().subscribe().with(ok -> {
                }, failure -> LOG.warnf("kiosk last-seen times not written (next flush retries): %s", failure.getMessage()));
            });
        }
    }

    @Scheduled(every = "${traffic.kiosk.last-seen-flush}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> flush() {
        long forgetBefore = System.currentTimeMillis() - 2 * windowMillis;
        latest.values().removeIf(at -> at < forgetBefore);
        if (seen.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Long> ids = new ArrayList<>();
        List<OffsetDateTime> times = new ArrayList<>();
        for (Map.Entry<Long, Long> entry : seen.entrySet()) {
            if (seen.remove(entry.getKey(), entry.getValue())) {
                ids.add(entry.getKey());
                times.add(OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(entry.getValue()), ZoneOffset.UTC));
            }
        }
        return store.seen(ids.toArray(Long[]::new), times.toArray(OffsetDateTime[]::new));
    }
}
