package edu.campus.common.observability;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Which spans are recorded. With an OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}) a caller's decision is followed
 * and a new trace is recorded at {@code campus.tracing.sample-ratio}; without one nothing is recorded, so nothing is
 * exported or held in memory, while the ids are still made, logged and sent on (an unrecorded span keeps its trace id).
 */
public class TraceSampling {

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "campus.tracing.endpoint") Optional<String> endpoint,
            @ConfigProperty(name = "campus.tracing.sample-ratio", defaultValue = "1.0") double ratio) {
        return choose(endpoint, ratio);
    }

    static Sampler choose(Optional<String> endpoint, double ratio) {
        if (endpoint.filter(value -> !value.isBlank()).isEmpty()) {
            return Sampler.alwaysOff();
        }
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("campus.tracing.sample-ratio is a share between 0 and 1, not " + ratio);
        }
        return Sampler.parentBased(ratio >= 1 ? Sampler.alwaysOn() : Sampler.traceIdRatioBased(ratio));
    }
}
