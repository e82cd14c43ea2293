package edu.campus.main.gradebook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code gradebook_connections} (sealed upstream sessions) and {@code gradebook_snapshots} (last good book) tables. */
@ApplicationScoped
public class GradebookStore {

    public record Connection(byte[] sealed, Instant expiresAt) {
    }

    public record Snapshot(JsonObject book, Instant fetchedAt) {
    }

    private final Pool db;

    GradebookStore(Pool db) {
        this.db = db;
    }

    public Uni<Connection> connection(long studentId) {
        return db.preparedQuery("select session_sealed, expires_at from gradebook_connections where student_id = $1").execute(Tuple.of(studentId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    return new Connection(row.getBuffer("session_sealed").getBytes(), row.getOffsetDateTime("expires_at").toInstant());
                });
    }

    public Uni<Snapshot> snapshot(long studentId) {
        return db.preparedQuery("select book, fetched_at from gradebook_snapshots where student_id = $1").execute(Tuple.of(studentId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    return new Snapshot(row.getJsonObject("book"), row.getOffsetDateTime("fetched_at").toInstant());
                });
    }

    /** A new connection and its first book, in one transaction. */
    public Uni<Void> connected(long studentId, byte[] sealed, Instant expiresAt, JsonObject book, Instant fetchedAt) {
        return db.withTransaction(tx -> tx.preparedQuery("""
                insert into gradebook_connections (student_id, session_sealed, connected_at, expires_at) values ($1, $2, now(), $3)
                on conflict (student_id) do update set session_sealed = excluded.session_sealed, connected_at = now(),
                    expires_at = excluded.expires_at""")
                .execute(Tuple.of(studentId, Buffer.buffer(sealed), utc(expiresAt)))
                .chain(() -> saveSnapshot(tx, studentId, book, fetchedAt)));
    }

    public Uni<Void> snapshotFetched(long studentId, JsonObject book, Instant fetchedAt) {
        return saveSnapshot(db, studentId, book, fetchedAt);
    }

    /** The upstream session ended (or the student disconnected): forget it. */
    public Uni<Void> dropConnection(long studentId) {
        return db.preparedQuery("delete from gradebook_connections where student_id = $1").execute(Tuple.of(studentId)).replaceWithVoid();
    }

    /** Disconnect: the session and the stored book. */
    public Uni<Void> forget(long studentId) {
        return db.withTransaction(tx -> tx.preparedQuery("delete from gradebook_connections where student_id = $1").execute(Tuple.of(studentId))
                .chain(() -> tx.preparedQuery("delete from gradebook_snapshots where student_id = $1").execute(Tuple.of(studentId)))
                .replaceWithVoid());
    }

    private static Uni<Void> saveSnapshot(SqlClient client, long studentId, JsonObject book, Instant fetchedAt) {
        return client.preparedQuery("""
                insert into gradebook_snapshots (student_id, book, fetched_at) values ($1, $2, $3)
                on conflict (student_id) do update set book = excluded.book, fetched_at = excluded.fetched_at
                where gradebook_snapshots.fetched_at <= excluded.fetched_at""")
                .execute(Tuple.of(studentId, book, utc(fetchedAt))).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
