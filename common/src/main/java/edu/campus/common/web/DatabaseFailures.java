package edu.campus.common.web;

import java.net.ConnectException;
import java.util.regex.Pattern;

import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;

/**
 * Whether a failure means "the database cannot answer now" (a 503 {@code database_unavailable}, never a 500): it cannot
 * be reached, closed the connection, is shutting down or starting, is out of connections, cancelled a statement past
 * its {@code statement_timeout}, or the pool gave up waiting. Recognised by class and SQLSTATE along the cause chain,
 * without a compile-time dependency on a database client (schedule has none).
 */
public final class DatabaseFailures {

    /** SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P01-57P03 (shutdown, cannot connect now), 57014 (cancelled). */
    private static final Pattern UNAVAILABLE_STATE = Pattern.compile(".*\\((08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-3]|57014)\\)\\s*$",
            Pattern.DOTALL);

    private DatabaseFailures() {
    }

    public static boolean unavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 12; t = t.getCause(), depth++) {
            if (t instanceof ConnectException || t instanceof ConnectionPoolTooBusyException) {
                return true;
            }
            String type = t.getClass().getName();
            if (type.equals("io.vertx.sqlclient.ClosedConnectionException")) {
                return true;
            }
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            if (type.equals("io.vertx.pgclient.PgException") && UNAVAILABLE_STATE.matcher(message).matches()) {
                return true;
            }
            if (t instanceof VertxException && message.startsWith("Timeout waiting for connection")) {
                return true;
            }
        }
        return false;
    }
}
