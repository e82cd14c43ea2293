package edu.campus.sso.invitation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code invitations} table: one-time codes (SHA-256 only) with which a person sets their own password. */
@ApplicationScoped
public class InvitationStore {

    private final Pool db;

    InvitationStore(Pool db) {
        this.db = db;
    }

    /** A new code for the account; every earlier unused code of it is spent (a re-issue invalidates the previous one). */
    public Uni<Void> issue(SqlClient tx, long userId, byte[] codeHash, String issuedBy, Instant expiresAt) {
        return tx.preparedQuery("update invitations set used_at = now() where user_id = $1 and used_at is null")
                .execute(Tuple.of(userId))
                .chain(() -> tx.preparedQuery("insert into invitations (code_hash, user_id, issued_by, expires_at) values ($1, $2, $3, $4)")
                        .execute(Tuple.of(Buffer.buffer(codeHash), userId, issuedBy, expiresAt.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** The account of a live, unused code, without spending it; empty when there is none. */
    public Uni<Optional<Long>> peek(byte[] codeHash) {
        return db.preparedQuery("select user_id from invitations where code_hash = $1 and used_at is null and expires_at > now()")
                .execute(Tuple.of(Buffer.buffer(codeHash)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("user_id")) : Optional.empty());
    }

    /** Spends a live, unused code atomically; the account it was issued for, or empty. */
    public Uni<Optional<Long>> consume(SqlClient tx, byte[] codeHash) {
        return tx.preparedQuery("""
                update invitations set used_at = now()
                where code_hash = $1 and used_at is null and expires_at > now() returning user_id""")
                .execute(Tuple.of(Buffer.buffer(codeHash)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("user_id")) : Optional.empty());
    }

    /** Deletes codes that expired or were spent more than a day ago; how many. */
    public Uni<Integer> deleteSpent(SqlClient client) {
        return client.query("delete from invitations where expires_at < now() - interval '1 day' or used_at < now() - interval '1 day'")
                .execute().map(rows -> rows.rowCount());
    }
}
