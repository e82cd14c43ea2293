package edu.campus.traffic.kiosk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.kiosk.KioskDtos.Heartbeat;
import edu.campus.traffic.kiosk.KioskDtos.KioskList;
import edu.campus.traffic.kiosk.KioskDtos.KioskRemoved;
import edu.campus.traffic.kiosk.KioskDtos.KioskView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The admins' live kiosk status: every kiosk at once, then each kiosk again whenever it changes (bind, unbind, a session
 * opened or closed, initialised, deleted: the kiosk changes {@link KioskEvents} hears from every instance) or comes
 * online or goes dark. Online and dark are computed, never written on a poll: while anyone watches, each instance reads
 * which kiosks were heard from within the window every {@code traffic.kiosk.presence-check}, and each stream sends the
 * kiosks whose "online" differs from what it last sent.
 */
@ApplicationScoped
public class KioskWatch {

    /** One event of the stream: its SSE name ({@code kiosks}, {@code kiosk}, {@code kiosk_removed}, {@code heartbeat}) and data. */
    public record Update(String name, Object data) {
    }

    private static final Object SNAPSHOT = new Object();
    private static final Object HEARTBEAT = new Object();

    private final KioskStore store;
    private final KioskEvents events;
    private final TrafficConfig config;
    private final BroadcastProcessor<Set<Long>> presence = BroadcastProcessor.create();
    private final AtomicInteger watchers = new AtomicInteger();

    KioskWatch(KioskStore store, KioskEvents events, TrafficConfig config, MeterRegistry metrics) {
        this.store = store;
        this.events = events;
        this.config = config;
        Gauge.builder("traffic.kiosk.watchers", watchers, AtomicInteger::get).description("Open admin live-status streams")
                .register(metrics);
    }

    @Scheduled(every = "${traffic.kiosk.presence-check}", identity = "kiosk-presence",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> checkPresence() {
        if (watchers.get() == 0) {
            return Uni.createFrom().voidItem();
        }
        return store.onlineIds().invoke(presence::onNext).replaceWithVoid();
    }

    /** A new stream: the list now, then changes; each subscriber has its own memory of what it sent. */
    public Multi<Update> watch() {
        return Multi.createFrom().deferred(() -> {
            Map<Long, KioskView> sent = new HashMap<>();
            Multi<Object> triggers = Multi.createBy().merging().streams(
                    Multi.createFrom().item(SNAPSHOT),
                    events.changes().map(id -> (Object) id),
                    presence.map(online -> (Object) online),
                    Multi.createFrom().ticks().startingAfter(config.kiosk().heartbeat()).every(config.kiosk().heartbeat())
                            .map(tick -> HEARTBEAT));
            // one trigger at a time, in order: "sent" is only touched by this chain
            return triggers.onItem().transformToMultiAndConcatenate(trigger -> updates(trigger, sent));
        })
                .onSubscription().invoke(() -> watchers.incrementAndGet())
                .onTermination().invoke(() -> watchers.decrementAndGet());
    }

    @SuppressWarnings("unchecked")
    private Multi<Update> updates(Object trigger, Map<Long, KioskView> sent) {
        if (trigger == SNAPSHOT) {
            return store.all().map(all -> {
                all.forEach(kiosk -> sent.put(kiosk.id(), kiosk));
                return new Update("kiosks", new KioskList(all, Instant.now()));
            }).toMulti();
        }
        if (trigger == HEARTBEAT) {
            return Multi.createFrom().item(new Update("heartbeat", new Heartbeat(Instant.now())));
        }
        if (trigger instanceof Long id) {
            return store.byId(id).map(found -> {
                if (found.isEmpty()) {
                    return sent.remove(id) != null ? new Update("kiosk_removed", new KioskRemoved(id)) : null;
                }
                KioskView before = sent.put(id, found.get());
                return found.get().equals(before) ? null : new Update("kiosk", found.get()); // own changes arrive twice
            }).toMulti().filter(update -> update != null);
        }
        Set<Long> online = (Set<Long>) trigger;
        List<Long> flipped = new ArrayList<>();
        sent.forEach((id, kiosk) -> {
            if (kiosk.online() != online.contains(id)) {
                flipped.add(id);
            }
        });
        if (flipped.isEmpty()) {
            return Multi.createFrom().empty();
        }
        return store.byIds(flipped.toArray(Long[]::new)).onItem().transformToMulti(kiosks -> {
            List<Update> updates = new ArrayList<>(kiosks.size());
            for (KioskView kiosk : kiosks) {
                sent.put(kiosk.id(), kiosk);
                updates.add(new Update("kiosk", kiosk));
            }
            return Multi.createFrom().iterable(updates);
        });
    }
}
