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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * When each kiosk was last heard from. A poll only notes it in memory; one statement a flush period writes them all,
 * so thousands of polls a second cost the database one update every {@code traffic.kiosk.last-seen-flush}.
 */
@ApplicationScoped
public class LastSeen {

    private final ConcurrentHashMap<Long, Long> seen = new ConcurrentHashMap<>();
    private final Pool db;

    LastSeen(Pool db) {
        this.db = db;
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
        return db.preparedQuery("""
                update kiosks k set last_seen_at = v.at
                from unnest($1::bigint[], $2::timestamptz[]) as v(id, at)
                where k.id = v.id and (k.last_seen_at is null or k.last_seen_at < v.at)
                """)
                .execute(Tuple.of(ids.toArray(Long[]::new), times.toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }
}
