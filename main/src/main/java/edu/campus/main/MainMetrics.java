package edu.campus.main;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * main's domain metrics (Prometheus: {@code main_sign_ins_total}, {@code main_launch_tokens_total},
 * {@code main_gradebook_reads_total}, {@code main_refresh_reuse_detected_total}). Tags take only fixed values: never a
 * student, a CAS user or an app id a caller typed (unknown apps are 404s before they are counted).
 */
@ApplicationScoped
public class MainMetrics {

    /** {@code via}: cas or telegram; {@code outcome}: success, or the error code (cas_invalid_ticket, not_linked, replayed, ...). */
    public enum Via {
        cas, telegram
    }

    /** Where a record-book answer came from. */
    public enum GradebookRead {
        connected, stored, fresh, stale, reconnect, refused
    }

    private final MeterRegistry registry;
    private final Counter reuse;

    MainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.reuse = Counter.builder("main.refresh.reuse.detected")
                .description("Rotated refresh tokens presented again (their sign-in is ended)").register(registry);
    }

    public void signIn(Via via, String outcome) {
        Counter.builder("main.sign.ins").description("Student sign-ins by way and outcome").tags("via", via.name(), "outcome", outcome)
                .register(registry).increment();
    }

    /** {@code app}: a configured mini app's id. */
    public void launchToken(String app) {
        Counter.builder("main.launch.tokens").description("Launch tokens issued, by mini app").tag("app", app).register(registry).increment();
    }

    public void gradebook(GradebookRead outcome) {
        Counter.builder("main.gradebook.reads").description("Record-book answers by where they came from").tag("outcome", outcome.name())
                .register(registry).increment();
    }

    public void refreshReuse() {
        reuse.increment();
    }
}
