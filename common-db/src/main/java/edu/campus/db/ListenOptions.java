package edu.campus.db;

import java.util.Optional;

import io.vertx.pgclient.PgConnectOptions;

/**
 * The connection options for a LISTEN connection of its own ({@code PgSubscriber}), from the service's reactive
 * datasource settings: the pool's connections cannot wait for notifications.
 */
public final class ListenOptions {

    private ListenOptions() {
    }

    /** From {@code quarkus.datasource.reactive.url} (with or without its {@code vertx-reactive:} prefix), user and password. */
    public static PgConnectOptions of(String url, Optional<String> user, Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        return options;
    }
}
