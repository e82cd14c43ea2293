package edu.campus.common.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;

class TracingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static ExtLogRecord line(Map<String, String> mdc) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "hello", TracingTest.class.getName());
        record.setMdc(mdc);
        return record;
    }

    @Test
    void logLinesCarryTraceAndSpanIdsUnderOurNamesBesideTheRequestId() {
        ExtLogRecord record = line(Map.of("traceId", TRACE, "spanId", "00f067aa0ba902b7", "sampled", "false",
                "parentId", "b7ad6b7169203331", "request_id", "r-1"));
        assertTrue(new TraceIdsInLogs().isLoggable(record));
        assertEquals(Map.of("trace_id", TRACE, "span_id", "00f067aa0ba902b7", "request_id", "r-1"), record.getMdcCopy());

        // outside a trace nothing is added, and nothing is ever dropped
        ExtLogRecord plain = line(Map.of("request_id", "r-2"));
        assertTrue(new TraceIdsInLogs().isLoggable(plain));
        assertEquals(Map.of("request_id", "r-2"), plain.getMdcCopy());
    }

    private static SamplingDecision decide(Sampler sampler, boolean parentSampled) {
        SpanContext parent = SpanContext.createFromRemoteParent(TRACE, "00f067aa0ba902b7",
                parentSampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return sampler.shouldSample(Context.root().with(Span.wrap(parent)), TRACE, "GET /x", SpanKind.SERVER, Attributes.empty(), List.of())
                .getDecision();
    }

    @Test
    void spansAreRecordedOnlyWhenThereIsSomewhereToSendThem() {
        for (Optional<String> none : List.of(Optional.<String> empty(), Optional.of(" "))) {
            Sampler off = TraceSampling.choose(none, 1.0);
            assertEquals(SamplingDecision.DROP, decide(off, true));
            assertEquals(SamplingDecision.DROP, decide(off, false));
        }
        Sampler on = TraceSampling.choose(Optional.of("http://collector:4317"), 1.0);
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE, decide(on, true));
        assertEquals(SamplingDecision.DROP, decide(on, false)); // the caller decided not to record this trace
        assertEquals(SamplingDecision.RECORD_AND_SAMPLE,
                on.shouldSample(Context.root(), TRACE, "GET /x", SpanKind.SERVER, Attributes.empty(), List.of()).getDecision());
        assertEquals(SamplingDecision.DROP, TraceSampling.choose(Optional.of("http://collector:4317"), 0.0)
                .shouldSample(Context.root(), TRACE, "GET /x", SpanKind.SERVER, Attributes.empty(), List.of()).getDecision());
        assertThrows(IllegalArgumentException.class, () -> TraceSampling.choose(Optional.of("http://collector:4317"), 1.5));
    }

    @Test
    void theSdkIsOffWithoutAnEndpointAndAnythingWrittenDownWins() {
        assertEquals("true", TracingSwitch.source(null).getValue("quarkus.otel.sdk.disabled"));
        assertEquals("true", TracingSwitch.source(" ").getValue("quarkus.otel.sdk.disabled"));
        assertEquals("false", TracingSwitch.source("http://collector:4317").getValue("quarkus.otel.sdk.disabled"));
        // below the jars' defaults (100): the test profile's "false" there, and everything above, overrides it
        assertTrue(TracingSwitch.source(null).getOrdinal() < 100);
    }
}
