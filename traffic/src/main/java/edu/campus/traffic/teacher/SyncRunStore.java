package edu.campus.traffic.teacher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.traffic.teacher.TeacherDtos.SyncRun;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code teacher_sync_runs} table; a unique index admits one {@code running} row (the elected runner). */
@ApplicationScoped
public class SyncRunStore {

    private static final String COLUMNS = "id, trigger, status, started_at, heartbeat_at, finished_at, fetched, created, updated, "
            + "unchanged, provisioned, failed, pending, stopped_at_teacher_id, error";

    /** A run's progress, written with each heartbeat. */
    record Progress(int fetched, int created, int updated, int unchanged, int provisioned, int failed, long cursor) {
    }

    private final Pool db;

    SyncRunStore(Pool db) {
        this.db = db;
    }

    /** Marks a running run whose heartbeat is older than {@code seconds} as abandoned. */
    Uni<Void> abandonStale(long seconds) {
        return db.preparedQuery("""
                update teacher_sync_runs set status = 'abandoned', finished_at = now(), error = 'the runner stopped responding'
                where status = 'running' and heartbeat_at < now() - make_interval(secs => $1)
                """).execute(Tuple.of((double) seconds)).replaceWithVoid();
    }

    /** The new running run, or empty when another one is running. */
    Uni<Optional<SyncRun>> claim(SyncTrigger trigger) {
        return db.preparedQuery("insert into teacher_sync_runs (trigger, status) values ($1, 'running') on conflict do nothing returning "
                + COLUMNS).execute(Tuple.of(trigger.name())).map(SyncRunStore::first);
    }

    Uni<Optional<SyncRun>> running() {
        return db.query("select " + COLUMNS + " from teacher_sync_runs where status = 'running'").execute().map(SyncRunStore::first);
    }

    Uni<Optional<SyncRun>> lastFinished() {
        return db.query("select " + COLUMNS + " from teacher_sync_runs where status <> 'running' order by id desc limit 1").execute()
                .map(SyncRunStore::first);
    }

    Uni<List<SyncRun>> recent(int limit) {
        return db.preparedQuery("select " + COLUMNS + " from teacher_sync_runs order by id desc limit $1").execute(Tuple.of(limit))
                .map(rows -> {
                    List<SyncRun> runs = new ArrayList<>(rows.size());
                    rows.forEach(row -> runs.add(run(row)));
                    return runs;
                });
    }

    Uni<Void> heartbeat(long runId, Progress p) {
        return db.preparedQuery("""
                update teacher_sync_runs set heartbeat_at = now(), fetched = $2, created = $3, updated = $4, unchanged = $5,
                       provisioned = $6, failed = $7, stopped_at_teacher_id = $8
                where id = $1
                """).execute(Tuple.from(new Object[] { runId, p.fetched(), p.created(), p.updated(), p.unchanged(), p.provisioned(),
                p.failed(), p.cursor() == 0 ? null : p.cursor() }))
                .replaceWithVoid();
    }

    /** Ends the run with its last progress; {@code pending} is what SSO still has to confirm at that moment. */
    Uni<Void> finish(long runId, Progress progress, SyncRunStatus status, String error) {
        return heartbeat(runId, progress).flatMap(ignored -> db.preparedQuery("""
                update teacher_sync_runs set status = $2, finished_at = now(), error = $3,
                       pending = (select count(*) from teachers where sso_revision is distinct from revision)
                where id = $1
                """).execute(Tuple.of(runId, status.name(), error))).replaceWithVoid();
    }

    private static Optional<SyncRun> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(run(rows.iterator().next())) : Optional.empty();
    }

    private static SyncRun run(Row row) {
        return new SyncRun(row.getLong("id"), SyncTrigger.valueOf(row.getString("trigger")), SyncRunStatus.valueOf(row.getString("status")),
                row.getOffsetDateTime("started_at"), row.getOffsetDateTime("heartbeat_at"), row.getOffsetDateTime("finished_at"),
                row.getInteger("fetched"), row.getInteger("created"), row.getInteger("updated"), row.getInteger("unchanged"),
                row.getInteger("provisioned"), row.getInteger("failed"), row.getInteger("pending"), row.getLong("stopped_at_teacher_id"),
                row.getString("error"));
    }
}
