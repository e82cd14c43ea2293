package edu.campus.common.upstream;

import java.util.LinkedHashMap;
import java.util.Map;

import edu.campus.common.error.ApiException;

/**
 * An upstream (another service, RUZ, CAS, ...) failed. The three kinds are distinct classes so that
 * {@code @Retry(retryOn=...)} and {@code @CircuitBreaker(failOn=...)} can tell them apart.
 */
public abstract sealed class UpstreamException extends ApiException
        permits UpstreamException.Unavailable, UpstreamException.Timeout, UpstreamException.BadResponse {

    private final String upstream;

    UpstreamException(int status, String code, String upstream, String message, String reason, Throwable cause) {
        super(status, code, message, details(upstream, reason), cause);
        this.upstream = upstream;
    }

    public String upstream() {
        return upstream;
    }

    private static Map<String, Object> details(String upstream, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("upstream", upstream);
        if (reason != null) {
            details.put("reason", reason);
        }
        return details;
    }

    /** 503: the upstream refused, failed, or is shielded by an open breaker or a rate limit. Retry-safe. */
    public static final class Unavailable extends UpstreamException {
        public Unavailable(String upstream, String reason, Throwable cause) {
            super(503, "upstream_unavailable", upstream, upstream + " is unavailable", reason, cause);
        }
    }

    /** 504: the upstream did not answer in time. Retry-safe for idempotent reads. */
    public static final class Timeout extends UpstreamException {
        public Timeout(String upstream, Throwable cause) {
            super(504, "upstream_timeout", upstream, upstream + " did not answer in time", "timeout", cause);
        }
    }

    /** 502: the upstream answered something we cannot use. Retrying will not help. */
    public static final class BadResponse extends UpstreamException {
        public BadResponse(String upstream, String reason, Throwable cause) {
            super(502, "bad_upstream_response", upstream, upstream + " sent a response that cannot be used", reason, cause);
        }
    }
}
