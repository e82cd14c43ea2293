package edu.campus.common.web;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Oversized requests are refused in the error format, before anything reads them: a request line longer than
 * {@code campus.http.max-request-line} (414 {@code uri_too_long}), headers over {@code campus.http.max-header-bytes}
 * (431 {@code headers_too_large}), a body declared over {@code quarkus.http.limits.max-body-size} (413
 * {@code payload_too_large}), and a URI holding an encoded NUL (400: PostgreSQL's text cannot hold it). The server's own limits (common's configuration) sit four times higher, so what
 * reaches them is rare and answered by the server itself with an empty body.
 */
@ApplicationScoped
public class RequestLimits {

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize maxBody,
            @ConfigProperty(name = "campus.http.max-request-line", defaultValue = "4096") int maxRequestLine,
            @ConfigProperty(name = "campus.http.max-header-bytes", defaultValue = "20480") int maxHeaderBytes) {
        long bodyLimit = maxBody.asLongValue();
        String tooLong = body("uri_too_long", "the request URI is too long", "max_length", maxRequestLine);
        String tooManyHeaders = body("headers_too_large", "the request headers are too large", "max_bytes", maxHeaderBytes);
        String tooLarge = body("payload_too_large", "the request body is too large", "max_bytes", bodyLimit);
        String nul = "{\"error_code\":\"bad_request\",\"message\":\"the request URI holds a NUL character\",\"details\":{}}";
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (ctx.request().uri().length() > maxRequestLine) {
                refuse(ctx, 414, tooLong);
            } else if (holdsNul(ctx.request().uri())) {
                refuse(ctx, 400, nul); // no text column can hold it: refused before it reaches a query
            } else if (headerBytes(ctx.request().headers(), maxHeaderBytes) > maxHeaderBytes) {
                refuse(ctx, 431, tooManyHeaders);
            } else if (tooLarge(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH), bodyLimit)) {
                refuse(ctx, 413, tooLarge);
            } else {
                ctx.next();
            }
        });
    }

    /** An encoded NUL ({@code %00}) anywhere in the URI. */
    static boolean holdsNul(String uri) {
        for (int i = uri.indexOf('%'); i >= 0 && i + 2 < uri.length(); i = uri.indexOf('%', i + 1)) {
            if (uri.charAt(i + 1) == '0' && uri.charAt(i + 2) == '0') {
                return true;
            }
        }
        return false;
    }

    private static void refuse(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close").end(body);
    }

    private static String body(String code, String message, String detail, long limit) {
        return "{\"error_code\":\"" + code + "\",\"message\":\"" + message + "\",\"details\":{\"" + detail + "\":" + limit + "}}";
    }

    /** The headers' size as sent ({@code name: value\r\n}), counted only until it passes {@code limit}. */
    static long headerBytes(MultiMap headers, int limit) {
        long total = 0;
        for (Map.Entry<String, String> header : headers) {
            total += header.getKey().length() + header.getValue().length() + 4;
            if (total > limit) {
                return total;
            }
        }
        return total;
    }

    static boolean tooLarge(String contentLength, long limit) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the server itself refuses a malformed length
        }
    }
}
