package edu.campus.bot;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The bot's counters: {@code bot_updates_total{outcome}} (handled, repeat, ignored, bad_secret, not_configured),
 * {@code bot_commands_total{outcome}}, {@code bot_deliveries_total{outcome}} (sent, blocked, skipped, failed,
 * uncertain, retry_later, no_link); events given up are common-events' {@code campus_events_dead_lettered_total}.
 */
@ApplicationScoped
public class BotMetrics {

    private final MeterRegistry registry;

    BotMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void update(String outcome) {
        registry.counter("bot.updates", "outcome", outcome).increment();
    }

    public void command(String outcome) {
        registry.counter("bot.commands", "outcome", outcome).increment();
    }

    public void delivery(String outcome) {
        registry.counter("bot.deliveries", "outcome", outcome).increment();
    }
}
