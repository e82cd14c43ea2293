package edu.campus.services;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.services.application.ApplicationStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * services' domain metrics (Prometheus: {@code services_applications_submitted_total}, {@code
 * services_applications_replayed_total}, {@code services_application_files} (files per submit), {@code
 * services_transitions_total{to}}, {@code services_replies_total}). Tags take only fixed values.
 */
@ApplicationScoped
public class ServicesMetrics {

    private final MeterRegistry registry;
    private final Counter submitted;
    private final Counter replayed;
    private final Counter replied;
    private final DistributionSummary files;

    ServicesMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.submitted = Counter.builder("services.applications.submitted").description("Applications created").register(registry);
        this.replayed = Counter.builder("services.applications.replayed")
                .description("Submits answered with an earlier application (same Idempotency-Key)").register(registry);
        this.replied = Counter.builder("services.replies").description("Replies written at the desk").register(registry);
        this.files = DistributionSummary.builder("services.application.files").description("Files per submitted application")
                .register(registry);
    }

    public void submitted(int fileCount) {
        submitted.increment();
        files.record(fileCount);
    }

    public void replayed() {
        replayed.increment();
    }

    public void replied() {
        replied.increment();
    }

    public void transition(ApplicationStatus to) {
        Counter.builder("services.transitions").description("Status changes, by the status reached").tag("to", to.name())
                .register(registry).increment();
    }
}
