package edu.campus.events;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay's settings (env RABBITMQ_URL, CAMPUS_EVENTS_*): see README. */
@ConfigMapping(prefix = "campus.events")
public interface EventsConfig {

    /** Build time: false leaves the relay out of a service that only consumes (it has no outbox table). */
    @WithDefault("true")
    boolean publisher();

    /** false: events are kept in the outbox and never published (a service without a broker). */
    @WithDefault("true")
    boolean relay();

    /** The broker, as an AMQP URI ({@code amqp://user:password@host:5672/vhost}). */
    @WithDefault("amqp://guest:guest@127.0.0.1:5672/%2F")
    String rabbitmqUrl();

    /** The topic exchange every service publishes to (declared durable by the relay). */
    @WithDefault("campus.events")
    String exchange();

    /** Events published per transaction (their rows are locked while the broker confirms them). */
    @WithDefault("100")
    int batch();

    /** How often the relay looks without being woken (a missed NOTIFY, another instance's leftovers). */
    @WithDefault("5s")
    Duration pollEvery();

    /** How long the broker may take to confirm a batch. */
    @WithDefault("5s")
    Duration confirmTimeout();

    /** The longest pause between tries while the broker is down (doubling from a second). */
    @WithDefault("30s")
    Duration maxBackoff();

    /** Published events are deleted after this. */
    @WithDefault("1d")
    Duration keepSent();

    /** A consumer's handled event ids are kept this long (a redelivery after it would be handled again). */
    @WithDefault("7d")
    Duration keepHandled();

    Consumer consumer();

    /** How a consumer retries an event before it goes to the dead-letter queue ({@link Consumers}). */
    interface Consumer {
        /** Tries of one event (the first and its retries). */
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("1s")
        Duration firstBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }
}
