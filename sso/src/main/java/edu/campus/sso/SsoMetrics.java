package edu.campus.sso;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * sso's domain metrics (Prometheus: {@code sso_sign_ins_total}, {@code sso_sign_in_blocks_total},
 * {@code sso_refresh_reuse_detected_total}, {@code sso_provisioning_total}, {@code sso_service_tokens_total}). Tags
 * take only fixed values: never a username, an address or a client id a caller typed.
 */
@ApplicationScoped
public class SsoMetrics {

    /** How a sign-in ended. */
    public enum SignIn {
        success, wrong_credentials, inactive, throttled, not_linked, replayed
    }

    private final MeterRegistry registry;
    private final Counter blocks;
    private final Counter reuse;

    SsoMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.blocks = Counter.builder("sso.sign.in.blocks").description("Keys (a username or an address) blocked by sign-in throttling")
                .register(registry);
        this.reuse = Counter.builder("sso.refresh.reuse.detected")
                .description("Rotated refresh tokens presented again (their sign-in is revoked)").register(registry);
    }

    /** {@code via}: password or telegram. */
    public void signIn(String via, SignIn outcome) {
        Counter.builder("sso.sign.ins").description("Sign-ins by way and outcome").tags("via", via, "outcome", outcome.name())
                .register(registry).increment();
    }

    public void blocked(int keys) {
        if (keys > 0) {
            blocks.increment(keys);
        }
    }

    public void refreshReuse() {
        reuse.increment();
    }

    /** {@code kind}: traffic_teacher, services_staff, services_executor; {@code outcome}: created, updated, unchanged, deleted, refused. */
    public void provisioning(String kind, String outcome) {
        Counter.builder("sso.provisioning").description("Provisioning requests of domain services, by kind and outcome")
                .tags("kind", kind, "outcome", outcome).register(registry).increment();
    }

    /** {@code outcome}: granted or refused. */
    public void serviceToken(String outcome) {
        Counter.builder("sso.service.tokens").description("Client-credentials token requests by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }
}
