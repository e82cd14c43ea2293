package edu.campus.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.Map;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;

import edu.campus.common.error.ApiException;
import edu.campus.common.observability.RequestIds;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import io.smallrye.faulttolerance.api.RateLimitException;

class CommonUnitTest {

    @Test
    void saneRequestIdsAreKeptOthersReplaced() {
        assertEquals("abc-123_x.y:z", RequestIds.accept("abc-123_x.y:z"));
        for (String bad : new String[] { null, "", "with space", "new\nline", "x".repeat(129), "quote\"" }) {
            String id = RequestIds.accept(bad);
            assertTrue(id.matches("[0-9a-f]{32}"), "replaced: " + bad);
        }
        assertNotEquals(RequestIds.generate(), RequestIds.generate());
    }

    @Test
    void upstreamFailuresAreClassified() {
        assertInstanceOf(UpstreamException.Timeout.class, Upstreams.map("x", new TimeoutException()));
        assertInstanceOf(UpstreamException.Timeout.class,
                Upstreams.map("x", new ProcessingException(new java.util.concurrent.TimeoutException())));
        assertInstanceOf(UpstreamException.Unavailable.class,
                Upstreams.map("x", new ProcessingException(new ConnectException("refused"))));
        assertEquals(Map.of("upstream", "x", "reason", "circuit_open"),
                Upstreams.map("x", new CircuitBreakerOpenException()).details());
        assertEquals("rate_limited", Upstreams.map("x", new RateLimitException()).details().get("reason"));
        assertEquals(503, Upstreams.map("x", new WebApplicationException(502)).status());
        assertEquals(502, Upstreams.map("x", new WebApplicationException(400)).status());
        ApiException malformed = Upstreams.map("x", new ProcessingException(new JsonParseException(null, "bad")));
        assertEquals("bad_upstream_response", malformed.errorCode());
        ApiException notFound = ApiException.notFound("room", 5);
        assertSame(notFound, Upstreams.map("x", notFound));
    }

    @Test
    void paramsAcceptStrictIsoDates() {
        java.time.LocalDate fallback = java.time.LocalDate.of(2000, 1, 1);
        assertEquals(java.time.LocalDate.of(2026, 11, 18), edu.campus.common.error.Params.isoDate("date", "2026-11-18", fallback));
        assertSame(fallback, edu.campus.common.error.Params.isoDate("date", null, fallback));
        assertSame(fallback, edu.campus.common.error.Params.isoDate("date", "", fallback));
        for (String bad : new String[] { "2026-02-30", "2026-13-01", "18.11.2026", "2026/11/18", "2026-1-18", "2026-11-1x",
                "+2026-11-18", "2026-11-18T00:00" }) {
            ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                    () -> edu.campus.common.error.Params.isoDate("date", bad, fallback), bad);
            assertEquals(400, e.status());
            assertEquals(Map.of("fields", Map.of("date", "must be a date as YYYY-MM-DD")), e.details());
        }
    }

    @Test
    void apiExceptionsCarryTheErrorBody() {
        ApiException e = ApiException.validation("date", "must be a date");
        assertEquals(400, e.status());
        assertEquals("validation_error", e.body().errorCode());
        assertEquals(Map.of("fields", Map.of("date", "must be a date")), e.body().details());
        assertEquals(Map.of(), new ApiException(409, "conflict", "m", null).body().details());
    }
}
