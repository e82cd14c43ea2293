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
import edu.campus.common.schedule.ScheduleModel.Teacher;
import edu.campus.common.schedule.client.ScheduleClient;
import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.teacher.TeacherDtos.SyncRun;
import edu.campus.traffic.teacher.TeacherDtos.SyncStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

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

    private final TeacherStore teachers;
    private final SyncRunStore runs;
    private final ScheduleClient schedule;
    private final SsoProvisioner provisioner;
    private final TrafficConfig config;
    private final MeterRegistry metrics;

    TeacherSync(TeacherStore teachers, SyncRunStore runs, ScheduleClient schedule, SsoProvisioner provisioner, TrafficConfig config,
            MeterRegistry metrics) {
        this.teachers = teachers;
        this.runs = runs;
        this.schedule = schedule;
        this.provisioner = provisioner;
        this.config = config;
        this.metrics = metrics;
    }

    /** The admin's trigger: the new run at once (202), the sync itself in the background; 409 while one runs. */
    public Uni<SyncRun> trigger() {
        return claim(SyncTrigger.manual).map(run -> {
            execute(run.id()).subscribe().with(done -> { }, failure -> { });
            return run;
        });
    }

    @Scheduled(cron = "${traffic.sync.cron}", identity = "teacher-sync", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return claim(SyncTrigger.scheduled)
                .flatMap(run -> execute(run.id()))
                .onFailure(ApiException.class).recoverWithItem(busy -> {
                    LOG.info("teacher sync: another run is in progress, skipping this one");
                    return null;
                })
                .replaceWithVoid();
    }

    public Uni<SyncStatus> status() {
        return runs.running().flatMap(running -> runs.lastFinished().flatMap(last -> teachers.counts()
                .map(counts -> new SyncStatus(running.orElse(null), last.orElse(null), counts[0], counts[1]))));
    }

    public Uni<List<SyncRun>> runs(int limit) {
        return runs.recent(limit);
    }

    /** Elects this instance as the runner, or answers 409 with the run in progress. */
    Uni<SyncRun> claim(SyncTrigger trigger) {
        return runs.abandonStale(config.sync().staleAfter().toSeconds())
                .flatMap(ignored -> runs.claim(trigger))
                .flatMap(claimed -> claimed.isPresent() ? Uni.createFrom().item(claimed.get()) : runs.running().map(running -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    running.ifPresent(run -> details.put("run_id", run.id()));
                    throw new ApiException(409, "sync_in_progress", "a teacher sync is already running", details);
                }));
    }

    private static final class Counts {
        int fetched, created, updated, unchanged, provisioned, failed;
        long cursor;

        SyncRunStore.Progress progress() {
            return new SyncRunStore.Progress(fetched, created, updated, unchanged, provisioned, failed, cursor);
        }
    }

    /** The run itself, once elected. Never fails: the outcome is in the run row and the metrics. */
    Uni<Void> execute(long runId) {
        Counts counts = new Counts();
        Timer.Sample timer = Timer.start(metrics);
        AtomicReference<SyncRunStatus> outcome = new AtomicReference<>(SyncRunStatus.succeeded);
        return schedule.teachers()
                .flatMap(list -> upsertAll(runId, list.teachers(), counts))
                .flatMap(ignored -> provisionAll(runId, counts))
                .flatMap(ignored -> runs.finish(runId, counts.progress(), SyncRunStatus.succeeded, null))
                .onFailure().recoverWithUni(failure -> {
                    outcome.set(SyncRunStatus.failed);
                    LOG.warnf("teacher sync %d failed after %d provisioned (stopped after teacher %d): %s", runId, counts.provisioned,
                            counts.cursor, failure.getMessage());
                    return runs.finish(runId, counts.progress(), SyncRunStatus.failed, failure.getMessage() == null ? failure.getClass().getSimpleName()
                            : failure.getMessage());
                })
                .onTermination().invoke(() -> {
                    timer.stop(Timer.builder("traffic.teacher.sync").description("Teacher-sync run durations by outcome")
                            .tag("outcome", outcome.get().name()).register(metrics));
                    Counter.builder("traffic.teacher.sync.runs").description("Teacher-sync runs by outcome")
                            .tag("outcome", outcome.get().name()).register(metrics).increment();
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
            Counter.builder("traffic.teacher.sync.teachers").description("Teachers handled by the sync, by result")
                    .tag("result", result).register(metrics).increment(n);
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
                .onItem().transformToUniAndConcatenate(batch -> this.teachers.upsertFromRuz(batch.stream().map(Map.Entry::getKey)
                        .toArray(Long[]::new), batch.stream().map(Map.Entry::getValue).toArray(String[]::new))
                        .invoke(upserted -> {
                            counts.created += upserted.inserted();
                            counts.updated += upserted.updated();
                            counts.unchanged += batch.size() - upserted.inserted() - upserted.updated();
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
        return runs.heartbeat(runId, counts.progress());
    }
}
