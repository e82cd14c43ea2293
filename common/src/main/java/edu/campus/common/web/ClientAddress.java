package edu.campus.common.web;

import io.vertx.core.http.HttpServerRequest;

/**
 * The client's address as per-address limits count it: the peer's, or the X-Forwarded-For of a trusted proxy (Quarkus
 * resolves it from {@code quarkus.http.proxy.*}, common's configuration). {@code unknown} when there is none.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
