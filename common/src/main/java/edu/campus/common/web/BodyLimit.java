package edu.campus.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * A body declared larger than {@code quarkus.http.limits.max-body-size} is refused with a 413 in the error format
 * before anything reads it (the server's own refusal has an empty body). Bodies sent without a length are still cut
 * off by the server at the same limit.
 */
@ApplicationScoped
public class BodyLimit {

    static final String BODY = "{\"error_code\":\"payload_too_large\",\"message\":\"the request body is too large\","
            + "\"details\":{\"max_bytes\":%d}}";

    void install(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize max) {
        long limit = max.asLongValue();
        String body = BODY.formatted(limit);
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length, limit)) {
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body);
                return;
            }
            ctx.next();
        });
    }

    static boolean tooLarge(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the server itself refuses a malformed length
        }
    }
}
