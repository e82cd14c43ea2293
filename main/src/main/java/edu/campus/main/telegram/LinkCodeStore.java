package edu.campus.main.telegram;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code student_link_codes} table: one-time codes of students' Telegram deep links, as their SHA-256 only. */
@ApplicationScoped
public class LinkCodeStore {

    private final Pool db;

    LinkCodeStore(Pool db) {
        this.db = db;
    }

    public Uni<Void> insert(byte[] codeHash, long studentId, Instant expiresAt) {
        return db.preparedQuery("insert into student_link_codes (code_hash, student_id, expires_at) values ($1, $2, $3)")
                .execute(Tuple.of(Buffer.buffer(codeHash), studentId, expiresAt.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** Spends a live, unused code in the caller's transaction; the student it was issued for, or empty. */
    public Uni<Optional<Long>> consume(SqlClient tx, byte[] codeHash) {
        return tx.preparedQuery("""
                update student_link_codes set used_at = now()
                where code_hash = $1 and used_at is null and expires_at > now() returning student_id
                """).execute(Tuple.of(Buffer.buffer(codeHash)))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("student_id")) : Optional.empty());
    }

    /** Codes expired or used more than a day ago; how many went. */
    public Uni<Integer> deleteSpent() {
        return db.query("delete from student_link_codes where expires_at < now() - interval '1 day' or used_at < now() - interval '1 day'")
                .execute().map(rows -> rows.rowCount());
    }
}
