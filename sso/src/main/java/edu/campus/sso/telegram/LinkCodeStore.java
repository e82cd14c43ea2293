package edu.campus.sso.telegram;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code link_codes} table: one-time Telegram link codes, kept as their SHA-256 only. */
@ApplicationScoped
public class LinkCodeStore {

    private final Pool db;

    LinkCodeStore(Pool db) {
        this.db = db;
    }

    public Uni<Void> insert(byte[] codeHash, long userId, Instant expiresAt) {
        return db.preparedQuery("insert into link_codes (code_hash, user_id, expires_at) values ($1, $2, $3)")
                .execute(Tuple.of(Buffer.buffer(codeHash), userId, expiresAt.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** Spends a live, unused code atomically; the user it was issued for, or empty. */
    public Uni<Optional<Long>> consume(SqlClient tx, byte[] codeHash) {
        return tx.preparedQuery("""
                update link_codes set used_at = now()
                where code_hash = $1 and used_at is null and expires_at > now() returning user_id
                """).execute(Tuple.of(Buffer.buffer(codeHash)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("user_id")) : Optional.empty());
    }

    /** Deletes codes that expired or were used more than a day ago; how many. */
    public Uni<Integer> deleteSpent() {
        return db.query("delete from link_codes where expires_at < now() - interval '1 day' or used_at < now() - interval '1 day'")
                .execute().map(rows -> rows.rowCount());
    }
}
