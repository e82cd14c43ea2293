package edu.campus.traffic.kiosk;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * When each kiosk was last heard from. A poll only notes it in memory; one statement a flush period writes them all,
 * so thousands of polls a second cost the database one update every {@code traffic.kiosk.last-seen-flush}.
 */
@ApplicationScoped
public class LastSeen {

    private final ConcurrentHashMap<Long, Long> seen = new ConcurrentHashMap<>();
    private final KioskStore store;

    LastSeen(KioskStore store) {
        this.store = store;
    }

    public void seen(long kioskId) {
        seen.put(kioskId, System.currentTimeMillis());
    }

    @Scheduled(every = "${traffic.kiosk.last-seen-flush}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> flush() {
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
