package edu.campus.services.application;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.services.people.Actor;
import edu.campus.services.people.ActorKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code replies} table. */
@ApplicationScoped
public class ReplyStore {

    record Reply(long id, ActorKind authorKind, String authorName, String message, OffsetDateTime createdAt) {
    }

    private final Pool db;

    ReplyStore(Pool db) {
        this.db = db;
    }

    Uni<Long> insert(SqlClient tx, long applicationId, Actor author, String message) {
        return tx.preparedQuery("insert into replies (application_id, author_kind, author_id, author_name, message)"
                + " values ($1, $2, $3, $4, $5) returning id")
                .execute(Tuple.of(applicationId, author.kind().name(), author.id(), author.name(), message))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Uni<List<Reply>> of(long applicationId) {
        return db.preparedQuery("select id, author_kind, author_name, message, created_at from replies where application_id = $1 order by id")
                .execute(Tuple.of(applicationId))
                .map(rows -> {
                    List<Reply> replies = new ArrayList<>(rows.size());
                    rows.forEach(row -> replies.add(new Reply(row.getLong("id"), ActorKind.valueOf(row.getString("author_kind")),
                            row.getString("author_name"), row.getString("message"), row.getOffsetDateTime("created_at"))));
                    return replies;
                });
    }
}
