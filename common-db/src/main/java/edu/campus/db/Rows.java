package edu.campus.db;

import java.util.Optional;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/** What the stores read out of a {@link RowSet}. */
public final class Rows {

    private Rows() {
    }

    /** The first row, or empty when the query found none. */
    public static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }
}
