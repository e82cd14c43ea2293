package edu.campus.services.application;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.services.application.ApplicationDtos.HistoryEntry;
import edu.campus.services.people.Actor;
import edu.campus.services.people.ActorKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code history} table: written in the transaction of the step it records, never changed. */
@ApplicationScoped
public class HistoryStore {

    private final Pool db;

    HistoryStore(Pool db) {
        this.db = db;
    }

    public Uni<Void> add(SqlClient tx, long applicationId, ActorKind kind, Long actorId, String actorName, HistoryAction action,
            ApplicationStatus from, ApplicationStatus to, String detail) {
        return tx.preparedQuery("""
                insert into history (application_id, actor_kind, actor_id, actor_name, action, from_status, to_status, detail)
                values ($1, $2, $3, $4, $5, $6, $7, $8)
                """).execute(Tuple.from(java.util.Arrays.asList(applicationId, kind.name(), actorId, actorName, action.name(),
                from == null ? null : from.name(), to == null ? null : to.name(), detail))).replaceWithVoid();
    }

    public Uni<Void> add(SqlClient tx, long applicationId, Actor actor, HistoryAction action, ApplicationStatus from,
            ApplicationStatus to, String detail) {
        return add(tx, applicationId, actor.kind(), actor.id(), actor.name(), action, from, to, detail);
    }

    Uni<List<HistoryEntry>> of(long applicationId) {
        return db.preparedQuery("""
                select action, actor_kind, actor_name, from_status, to_status, detail, at from history
                where application_id = $1 order by id
                """).execute(Tuple.of(applicationId))
                .map(rows -> {
                    List<HistoryEntry> entries = new ArrayList<>(rows.size());
                    rows.forEach(row -> entries.add(new HistoryEntry(HistoryAction.valueOf(row.getString("action")),
                            ActorKind.valueOf(row.getString("actor_kind")), row.getString("actor_name"), status(row.getString("from_status")),
                            status(row.getString("to_status")), row.getString("detail"), row.getOffsetDateTime("at"))));
                    return entries;
                });
    }

    private static ApplicationStatus status(String value) {
        return value == null ? null : ApplicationStatus.valueOf(value);
    }
}
