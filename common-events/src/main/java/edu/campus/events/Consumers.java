package edu.campus.events;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.events.ReceivedEvent.PoisonEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * What every consumer does with a message body: parse it ({@link ReceivedEvent#parse}), run the handler, retry a
 * failure with back-off ({@code campus.events.consumer.*}: tries, first pause, longest pause), and give up by failing —
 * the channel's {@code failure-strategy=reject} then parks the message in its dead-letter queue. A poison message (not
 * an event, a version the handler does not know) is not retried. Counted in
 * {@code campus_events_dead_lettered_total{consumer}}.
 */
@ApplicationScoped
public class Consumers {

    private static final Logger LOG = Logger.getLogger(Consumers.class);

    private final EventsConfig.Consumer config;
    private final MeterRegistry registry;

    Consumers(EventsConfig config, MeterRegistry registry) {
        this.config = config.consumer();
        this.registry = registry;
    }

    public Uni<Void> consume(String consumer, byte[] body, Function<ReceivedEvent, Uni<Void>> handler) {
        return Uni.createFrom().item(() -> ReceivedEvent.parse(body))
                .flatMap(event -> Uni.createFrom().deferred(() -> handler.apply(event))
                        .onFailure(failure -> !(failure instanceof PoisonEvent)).retry()
                        .withBackOff(config.firstBackoff(), config.maxBackoff()).atMost(Math.max(0, config.maxAttempts() - 1)))
                .onFailure().invoke(failure -> {
                    registry.counter("campus.events.dead_lettered", "consumer", consumer).increment();
                    LOG.errorf("%s: event given up, to the dead-letter queue: %s", consumer, failure.getMessage());
                });
    }
}
