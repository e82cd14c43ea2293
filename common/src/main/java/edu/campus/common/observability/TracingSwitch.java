package edu.campus.common.observability;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Tracing is on only where there is somewhere to send it: without {@code OTEL_EXPORTER_OTLP_ENDPOINT} this turns the
 * OpenTelemetry SDK off ({@code quarkus.otel.sdk.disabled=true}), which makes its cost vanish (measured:
 * bench/results/tracing.md). Anything set explicitly wins (application.properties, {@code QUARKUS_OTEL_SDK_DISABLED}, a
 * profile's value: the tests turn it on to see trace ids travel). Read at run time, so one build (native too) serves both.
 */
public class TracingSwitch implements ConfigSourceFactory {

    static final String DISABLED = "quarkus.otel.sdk.disabled";
    static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // the context holds the sources before the factories (not always the environment): ask the process too
        ConfigValue configured = context.getValue(ENDPOINT);
        String endpoint = configured == null || configured.getValue() == null ? System.getenv(ENDPOINT) : configured.getValue();
        return List.of(source(endpoint));
    }

    /** Above Quarkus's own defaults, below everything written down (the jars' microprofile-config.properties are 100). */
    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    static ConfigSource source(String endpoint) {
        boolean off = endpoint == null || endpoint.isBlank();
        // both ways explicitly: a value seen while building is recorded as a default for run time (Quarkus does that for
        // run-time properties), so "nothing" here would leave the build machine's answer in force
        return new MapBackedConfigSource("campus tracing switch", Map.of(DISABLED, Boolean.toString(off)), ORDINAL) {
        };
    }
}
