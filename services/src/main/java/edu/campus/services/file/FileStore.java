package edu.campus.services.file;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code files} and {@code file_chunks} tables: a file's description, and its bytes in ordered pieces. */
@ApplicationScoped
public class FileStore {

    /** A file with the reply it belongs to (null: the student's). */
    public record Stored(long replyId, FileView view) {
    }

    /** What a download needs before the first byte: whose it is, how to describe it, how many pieces to read. */
    public record Meta(long id, long applicationId, String name, String contentType, long size, int chunks) {
    }

    private final Pool db;

    FileStore(Pool db) {
        this.db = db;
    }

    Uni<Long> insert(SqlClient tx, long applicationId, Long replyId, String field, String name, String contentType, long size) {
        return tx.preparedQuery("insert into files (application_id, reply_id, field, name, content_type, size, sha256)"
                + " values ($1, $2, $3, $4, $5, $6, '\\x'::bytea) returning id")
                .execute(Tuple.from(java.util.Arrays.asList(applicationId, replyId, field, name, contentType, size)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Uni<Void> chunk(SqlClient tx, long fileId, int seq, Buffer data) {
        return tx.preparedQuery("insert into file_chunks (file_id, seq, data) values ($1, $2, $3)").execute(Tuple.of(fileId, seq, data))
                .replaceWithVoid();
    }

    Uni<Void> finish(SqlClient tx, long fileId, long size, byte[] sha256) {
        return tx.preparedQuery("update files set size = $2, sha256 = $3 where id = $1")
                .execute(Tuple.of(fileId, size, Buffer.buffer(sha256))).replaceWithVoid();
    }

    /** The files of an application and of its replies, in upload order. */
    public Uni<List<Stored>> of(long applicationId) {
        return db.preparedQuery("select id, reply_id, field, name, content_type, size, sha256, created_at from files"
                + " where application_id = $1 order by id").execute(Tuple.of(applicationId))
                .map(rows -> {
                    List<Stored> files = new ArrayList<>(rows.size());
                    rows.forEach(row -> {
                        Long reply = row.getLong("reply_id");
                        files.add(new Stored(reply == null ? 0 : reply, new FileView(row.getLong("id"), row.getString("field"),
                                row.getString("name"), row.getString("content_type"), row.getLong("size"),
                                HexFormat.of().formatHex(row.getBuffer("sha256").getBytes()), row.getOffsetDateTime("created_at"))));
                    });
                    return files;
                });
    }

    public Uni<Optional<Meta>> meta(long fileId) {
        return db.preparedQuery("""
                select f.id, f.application_id, f.name, f.content_type, f.size,
                       (select count(*) from file_chunks c where c.file_id = f.id) as chunks
                from files f where f.id = $1
                """).execute(Tuple.of(fileId))
                .map(rows -> {
                    var iterator = rows.iterator();
                    if (!iterator.hasNext()) {
                        return Optional.empty();
                    }
                    var row = iterator.next();
                    return Optional.of(new Meta(row.getLong("id"), row.getLong("application_id"), row.getString("name"),
                            row.getString("content_type"), row.getLong("size"), row.getLong("chunks").intValue()));
                });
    }

    /** One piece of a file's bytes. */
    public Uni<Buffer> piece(long fileId, int seq) {
        return db.preparedQuery("select data from file_chunks where file_id = $1 and seq = $2").execute(Tuple.of(fileId, seq))
                .map(rows -> rows.iterator().next().getBuffer("data").getDelegate());
    }
}
