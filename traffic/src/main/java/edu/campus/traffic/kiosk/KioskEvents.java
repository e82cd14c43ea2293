package edu.campus.traffic.kiosk;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import edu.campus.db.ListenOptions;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Kiosk state changes across all traffic instances: every write that changes what a kiosk shows announces it on
 * {@link KioskNotify#CHANNEL} in its transaction; each instance LISTENs, drops its cached state
 * of that kiosk and wakes the kiosk's event streams. If the listening connection is down, cached states still
 * expire after {@code traffic.kiosk.state-ttl}.
 */
@ApplicationScoped
public class KioskEvents {

    private static final Logger LOG = Logger.getLogger(KioskEvents.class);

    private final BroadcastProcessor<Long> changes = BroadcastProcessor.create();
    private final KioskStateCache cache;
    private final Vertx vertx;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;
    private volatile boolean stopping;

    KioskEvents(KioskStateCache cache, Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.cache = cache;
        this.vertx = vertx;
        this.options = ListenOptions.of(url, user, password);
    }

    void start(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempts -> 1000L);
        subscriber.channel(KioskNotify.CHANNEL).handler(payload -> {
            if (payload == null || payload.isEmpty()) {
                return; // a change of a kiosk that no longer exists
            }
            try {
                changed(Long.parseLong(payload));
            } catch (NumberFormatException e) {
                LOG.warnf("ignoring a %s notification with payload %s", KioskNotify.CHANNEL, payload);
            }
        });
        subscriber.closeHandler(() -> {
            if (!stopping) {
                LOG.warn("kiosk change notifications: connection lost, reconnecting");
            }
        });
        subscriber.connect().subscribe().with(ok -> LOG.debug("listening for kiosk changes"),
                failure -> LOG.warnf("kiosk change notifications unavailable (states refresh by TTL): %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** A kiosk changed (here or on another instance): forget its cached state, wake its streams. */
    public void changed(long kioskId) {
        cache.invalidate(kioskId);
        changes.onNext(kioskId);
    }

    public Multi<Long> changes() {
        return changes;
    }
}
