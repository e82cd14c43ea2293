package edu.campus.sso.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;


import edu.campus.common.api.Page;
import edu.campus.common.observability.RequestIds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Critical actions (sign-ins, token family revocations, account changes), with who, what, and the request id. An
 * action that changes data records its entry in its own transaction ({@link #record(SqlClient, String, String, String,
 * JsonObject)}), so that there is never a change without its entry nor an entry without its change.
 */
@ApplicationScoped
public class AuditLog {

    /** One entry as the admin API shows it. */
    @RegisterForReflection // inside a generic type (page): not seen by the build
    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, String requestId,
            Map<String, Object> details) {
    }

    private final Pool pool;

    AuditLog(Pool pool) {
        this.pool = pool;
    }

    /** An entry on its own (an event that changes nothing else, e.g. a failed sign-in). */
    public Uni<Void> record(String actor, String action, String target, JsonObject details) {
        return record(pool, actor, action, target, details);
    }

    /** An entry inside the caller's transaction. */
    public Uni<Void> record(SqlClient tx, String actor, String action, String target, JsonObject details) {
        String requestId = RequestIds.current();
        return tx.preparedQuery("insert into audit_log (actor, action, target, request_id, details) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(actor, action, target, requestId, details))
                .replaceWithVoid();
    }

    /**
     * An entry inside the current Panache (Hibernate Reactive) transaction, for the actions written through entities
     * (sign-ins, token rotation and revocation).
     */
    public Uni<Void> recordInSession(String actor, String action, String target, JsonObject details) {
        String requestId = RequestIds.current();
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "insert into audit_log (actor, action, target, request_id, details) values (?1, ?2, ?3, ?4, cast(?5 as jsonb))")
                .setParameter(1, actor).setParameter(2, action).setParameter(3, target)
                .setParameter(4, requestId)
                .setParameter(5, details == null ? null : details.encode())
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Entries newest first, filtered by actor and action. */
    public Uni<Page<Entry>> page(String actor, String action, int page, int size) {
        String where = " where ($1::text is null or actor = $1) and ($2::text is null or action = $2)";
        return pool.preparedQuery("select count(*) from audit_log" + where).execute(Tuple.of(actor, action))
                .flatMap(count -> pool.preparedQuery("select * from audit_log" + where + " order by id desc limit $3 offset $4")
                        .execute(Tuple.of(actor, action, size, (long) page * size))
                        .map(rows -> {
                            List<Entry> items = new ArrayList<>(rows.size());
                            rows.forEach(r -> items.add(new Entry(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("actor"),
                                    r.getString("action"), r.getString("target"), r.getString("request_id"),
                                    r.getValue("details") instanceof JsonObject json ? json.getMap() : null)));
                            return new Page<>(items, page, size, count.iterator().next().getLong(0));
                        }));
    }

    /** Deletes entries older than {@code retention}; how many. */
    public Uni<Integer> deleteOlderThan(java.time.Duration retention) {
        return pool.preparedQuery("delete from audit_log where at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) retention.toSeconds())).map(rows -> rows.rowCount());
    }
}
