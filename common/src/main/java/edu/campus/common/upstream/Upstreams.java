package edu.campus.common.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.fasterxml.jackson.core.JacksonException;

import edu.campus.common.error.ApiException;
import io.smallrye.faulttolerance.api.RateLimitException;

/** Translates whatever a REST client or the fault-tolerance layer threw into the platform's error kinds. */
public final class Upstreams {

    private Upstreams() {
    }

    public static ApiException map(String upstream, Throwable failure) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new UpstreamException.Unavailable(upstream, "circuit_open", failure);
        }
        if (failure instanceof RateLimitException) {
            return new UpstreamException.Unavailable(upstream, "rate_limited", failure);
        }
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            if (status >= 500 || status == 429) {
                return new UpstreamException.Unavailable(upstream, "http_" + status, failure);
            }
            return new UpstreamException.BadResponse(upstream, "http_" + status, failure);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (isTimeout(t)) {
                return new UpstreamException.Timeout(upstream, failure);
            }
            if (t instanceof JacksonException) {
                return new UpstreamException.BadResponse(upstream, "malformed_body", failure);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new UpstreamException.Unavailable(upstream, "connect_failed", failure);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (failure instanceof IOException || failure instanceof jakarta.ws.rs.ProcessingException) {
            return new UpstreamException.Unavailable(upstream, "io_error", failure);
        }
        return new UpstreamException.Unavailable(upstream, "unexpected_failure", failure);
    }

    /**
     * An upstream's error status as the platform's exception: 404 is a not-found for the caller (with the
     * upstream's message when it sent our error body), 504 a timeout, 5xx and 429 unavailable, the rest a bad
     * response (we sent something the upstream refused: our bug, not the caller's).
     */
    public static ApiException fromStatus(String upstream, jakarta.ws.rs.core.Response response) {
        int status = response.getStatus();
        if (status == 404) {
            String message = upstream + " has no such resource";
            try {
                response.bufferEntity();
                edu.campus.common.error.ErrorBody body = response.readEntity(edu.campus.common.error.ErrorBody.class);
                if (body != null && body.message() != null) {
                    message = body.message();
                }
            } catch (RuntimeException unreadable) {
                // not our error body: keep the generic message
            }
            return new ApiException(404, edu.campus.common.error.ErrorCodes.NOT_FOUND, message,
                    java.util.Map.of("upstream", upstream));
        }
        if (status == 504) {
            return new UpstreamException.Timeout(upstream, null);
        }
        if (status >= 500 || status == 429) {
            return new UpstreamException.Unavailable(upstream, "http_" + status, null);
        }
        return new UpstreamException.BadResponse(upstream, "http_" + status, null);
    }

    /**
     * An error status of another campus service: its 409 or 422 (its answer about our request, in the platform's error
     * body) becomes the same error for our caller; anything else as {@link #fromStatus}.
     */
    public static ApiException refusal(String upstream, jakarta.ws.rs.core.Response response) {
        int status = response.getStatus();
        if (status == 409 || status == 422) {
            try {
                response.bufferEntity();
                edu.campus.common.error.ErrorBody body = response.readEntity(edu.campus.common.error.ErrorBody.class);
                return new ApiException(status, body.errorCode(), body.message(), body.details());
            } catch (RuntimeException unreadable) {
                // not our error body: the generic mapping below
            }
        }
        return fromStatus(upstream, response);
    }

    /** A lookup whose 404 means "there is none": empty instead of a failure. */
    public static <T> io.smallrye.mutiny.Uni<java.util.Optional<T>> emptyIfNotFound(io.smallrye.mutiny.Uni<T> lookup) {
        return lookup.map(java.util.Optional::of)
                .onFailure(failure -> failure instanceof ApiException api && api.status() == 404)
                .recoverWithItem(java.util.Optional.empty());
    }

    private static boolean isTimeout(Throwable t) {
        // FT timeouts, java.util.concurrent, socket and Netty/Vert.x read or connect timeouts
        return t instanceof TimeoutException
                || t instanceof java.util.concurrent.TimeoutException
                || t instanceof java.net.SocketTimeoutException
                || t.getClass().getSimpleName().contains("Timeout");
    }
}
