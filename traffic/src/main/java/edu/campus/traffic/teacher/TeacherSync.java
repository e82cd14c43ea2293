package edu.campus.traffic.teacher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.common.error.ApiException;
import edu.campus.common.schedule.ScheduleClient;
import edu.campus.common.schedule.ScheduleModel.Teacher;
import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.teacher.TeacherDtos.SyncRun;
import edu.campus.traffic.teacher.TeacherDtos.SyncStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Teacher sync (RFC phase 5): schedule's teacher list → traffic teachers upserted by {@code ruz_teacher_id} in
 * batches → the new or changed ones provisioned in SSO (batch form, {@code entity_id} = traffic id), rate-limited.
 * <ul>
 * <li>Idempotent: an upsert only writes a changed row, and only unconfirmed revisions go to SSO.</li>
 * <li>Resumable: SSO's confirmation is recorded per teacher, so a run that fails halfway leaves the rest pending, and
 * the next run (or the next batch) finishes them; the run row records where it stopped.</li>
 * <li>One run at a time across instances: a unique index admits one {@code running} row; a runner whose heartbeat
 * is older than {@code traffic.sync.stale-after} is declared abandoned and may be replaced.</li>
 * </ul>
 */
@ApplicationScoped
public class TeacherSync {

    private static final Logger LOG = Logger.getLogger(TeacherSync.class);
    private static final String RUN_COLUMNS = "id, trigger, status, started_at, heartbeat_at, finished_at, fetched, created, updated, "
            + "unchanged, provisioned, failed, pending, stopped_at_teacher_id, error";

    private static final String UPSERT = """
            insert into teachers (ruz_teacher_id, full_name)
            select * from unnest($1::bigint[], $2::text[])
            on conflict (ruz_teacher_id) do update
              set full_name = excluded.full_name, revision = teachers.revision + 1, updated_at = now()
              where teachers.full_name is distinct from excluded.full_name
            returning (xmax = 0) as inserted
            """;

    private final Pool db;
    private final ScheduleClient schedule;
    private final SsoProvisioner provisioner;
    private final TrafficConfig config;
    private final MeterRegistry metrics;

    TeacherSync(Pool db, ScheduleClient schedule, SsoProvisioner provisioner, TrafficConfig config, MeterRegistry metrics) {
        this.db = db;
        this.schedule = schedule;
        this.provisioner = provisioner;
        this.config = config;
        this.metrics = metrics;
    }

    /** The admin's trigger: the new run at once (202), the sync itself in the background; 409 while one runs. */
    public Uni<SyncRun> trigger() {
        return claim("manual").map(run -> {
            execute(run.id()).subscribe().with(done -> { }, failure -> { });
            return run;
        });
    }

    @Scheduled(cron = "${traffic.sync.cron}", identity = "teacher-sync", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return claim("scheduled")
                .flatMap(run -> execute(run.id()))
                .onFailure(ApiException.class).recoverWithItem(busy -> {
                    LOG.info("teacher sync: another run is in progress, skipping this one");
                    return null;
                })
                .replaceWithVoid();
    }

    public Uni<SyncStatus> status() {
        return db.query("select " + RUN_COLUMNS + " from teacher_sync_runs where status = 'running'").execute()
                .flatMap(running -> db.query("select " + RUN_COLUMNS
                        + " from teacher_sync_runs where status <> 'running' order by id desc limit 1").execute()
                        .flatMap(last -> db.query("select count(*), count(*) filter (where sso_revision is distinct from revision) from teachers")
                                .execute()
                                .map(counts -> {
                                    Row c = counts.iterator().next();
                                    return new SyncStatus(first(running), first(last), c.getLong(0), c.getLong(1));
                                })));
    }

    public Uni<List<SyncRun>> runs(int limit) {
        return db.preparedQuery("select " + RUN_COLUMNS + " from teacher_sync_runs order by id desc limit $1").execute(Tuple.of(limit))
                .map(rows -> {
                    List<SyncRun> runs = new ArrayList<>();
                    rows.forEach(row -> runs.add(run(row)));
                    return runs;
                });
    }

    /** Elects this instance as the runner, or answers 409 with the run in progress. */
    Uni<SyncRun> claim(String trigger) {
        return db.preparedQuery("""
                update teacher_sync_runs set status = 'abandoned', finished_at = now(), error = 'the runner stopped responding'
                where status = 'running' and heartbeat_at < now() - make_interval(secs => $1)
                """).execute(Tuple.of((double) config.sync().staleAfter().toSeconds()))
                .flatMap(ignored -> db.preparedQuery("insert into teacher_sync_runs (trigger, status) values ($1, 'running') "
                        + "on conflict do nothing returning " + RUN_COLUMNS).execute(Tuple.of(trigger)))
                .flatMap(rows -> {
                    if (rows.iterator().hasNext()) {
                        return Uni.createFrom().item(run(rows.iterator().next()));
                    }
                    return db.query("select id from teacher_sync_runs where status = 'running'").execute().map(running -> {
                        Map<String, Object> details = new LinkedHashMap<>();
                        if (running.iterator().hasNext()) {
                            details.put("run_id", running.iterator().next().getLong("id"));
                        }
                        throw new ApiException(409, "sync_in_progress", "a teacher sync is already running", details);
                    });
                });
    }

    private static final class Counts {
        int fetched, created, updated, unchanged, provisioned, failed;
        long cursor;
    }

    /** The run itself, once elected. Never fails: the outcome is in the run row and the metrics. */
    Uni<Void> execute(long runId) {
        Counts counts = new Counts();
        Timer.Sample timer = Timer.start(metrics);
        AtomicReference<String> outcome = new AtomicReference<>("succeeded");
        return schedule.teachers()
                .flatMap(list -> upsertAll(runId, list.teachers(), counts))
                .flatMap(ignored -> provisionAll(runId, counts))
                .flatMap(ignored -> finish(runId, counts, "succeeded", null))
                .onFailure().recoverWithUni(failure -> {
                    outcome.set("failed");
                    LOG.warnf("teacher sync %d failed after %d provisioned (stopped after teacher %d): %s", runId, counts.provisioned,
                            counts.cursor, failure.getMessage());
                    return finish(runId, counts, "failed", failure.getMessage() == null ? failure.getClass().getSimpleName()
                            : failure.getMessage());
                })
                .onTermination().invoke(() -> {
                    timer.stop(metrics.timer("traffic_teacher_sync_seconds", "outcome", outcome.get()));
                    metrics.counter("traffic_teacher_sync_runs_total", "outcome", outcome.get()).increment();
                    count("created", counts.created);
                    count("updated", counts.updated);
                    count("unchanged", counts.unchanged);
                    count("provisioned", counts.provisioned);
                    count("failed", counts.failed);
                })
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void count(String result, int n) {
        if (n > 0) {
            metrics.counter("traffic_teacher_sync_teachers_total", "result", result).increment(n);
        }
    }

    private Uni<Void> upsertAll(long runId, List<Teacher> teachers, Counts counts) {
        // one row per RUZ id (a repeated id would hit the same row twice in one statement), names trimmed, blanks skipped
        Map<Long, String> unique = new LinkedHashMap<>();
        for (Teacher t : teachers == null ? List.<Teacher>of() : teachers) {
            if (t.id() > 0 && t.fullName() != null && !t.fullName().isBlank()) {
                unique.put(t.id(), t.fullName().strip().replaceAll("\\s+", " "));
            }
        }
        counts.fetched = unique.size();
        List<Map.Entry<Long, String>> entries = new ArrayList<>(unique.entrySet());
        int size = Math.max(1, config.sync().batchSize());
        List<List<Map.Entry<Long, String>>> batches = new ArrayList<>();
        for (int i = 0; i < entries.size(); i += size) {
            batches.add(entries.subList(i, Math.min(entries.size(), i + size)));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> db.preparedQuery(UPSERT)
                        .execute(Tuple.of(batch.stream().map(Map.Entry::getKey).toArray(Long[]::new),
                                batch.stream().map(Map.Entry::getValue).toArray(String[]::new)))
                        .map(rows -> {
                            int inserted = 0;
                            for (Row row : rows) {
                                if (row.getBoolean("inserted")) {
                                    inserted++;
                                }
                            }
                            counts.created += inserted;
                            counts.updated += rows.rowCount() - inserted;
                            counts.unchanged += batch.size() - rows.rowCount();
                            return rows;
                        }))
                .collect().last()
                .flatMap(ignored -> heartbeat(runId, counts));
    }

    /** Pending teachers in id order, one SSO batch at a time, spaced out to the configured rate. */
    private Uni<Void> provisionAll(long runId, Counts counts) {
        int size = Math.min(1000, Math.max(1, config.sync().batchSize()));
        Duration spacing = Duration.ofNanos((long) (1_000_000_000L / Math.max(0.001, config.sync().ssoBatchesPerSecond())));
        return nextBatch(runId, counts, size, spacing, false);
    }

    private Uni<Void> nextBatch(long runId, Counts counts, int size, Duration spacing, boolean wait) {
        Uni<Void> pause = wait ? Uni.createFrom().voidItem().onItem().delayIt().by(spacing) : Uni.createFrom().voidItem();
        return pause.flatMap(ignored -> provisioner.provisionPending(counts.cursor, Long.MAX_VALUE, size))
                .flatMap(outcome -> {
                    if (outcome.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    counts.provisioned += outcome.provisioned();
                    counts.failed += outcome.failed();
                    counts.cursor = outcome.lastId();
                    return heartbeat(runId, counts).flatMap(beat -> nextBatch(runId, counts, size, spacing, true));
                });
    }

    private Uni<Void> heartbeat(long runId, Counts counts) {
        return db.preparedQuery("""
                update teacher_sync_runs set heartbeat_at = now(), fetched = $2, created = $3, updated = $4, unchanged = $5,
                       provisioned = $6, failed = $7, stopped_at_teacher_id = $8
                where id = $1
                """).execute(Tuple.from(new Object[] { runId, counts.fetched, counts.created, counts.updated, counts.unchanged,
                counts.provisioned, counts.failed, counts.cursor == 0 ? null : counts.cursor }))
                .replaceWithVoid();
    }

    private Uni<Void> finish(long runId, Counts counts, String status, String error) {
        return heartbeat(runId, counts).flatMap(ignored -> db.preparedQuery("""
                update teacher_sync_runs set status = $2, finished_at = now(), error = $3,
                       pending = (select count(*) from teachers where sso_revision is distinct from revision)
                where id = $1
                """).execute(Tuple.of(runId, status, error))).replaceWithVoid();
    }

    private static SyncRun first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? run(rows.iterator().next()) : null;
    }

    static SyncRun run(Row row) {
        return new SyncRun(row.getLong("id"), row.getString("trigger"), row.getString("status"), row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("heartbeat_at"), row.getOffsetDateTime("finished_at"), row.getInteger("fetched"),
                row.getInteger("created"), row.getInteger("updated"), row.getInteger("unchanged"), row.getInteger("provisioned"),
                row.getInteger("failed"), row.getInteger("pending"), row.getLong("stopped_at_teacher_id"), row.getString("error"));
    }
}
