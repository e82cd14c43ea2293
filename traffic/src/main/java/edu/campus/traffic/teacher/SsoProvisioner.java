package edu.campus.traffic.teacher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.sso.SsoModel.AccountUpsert;
import edu.campus.common.sso.SsoModel.BatchResult;
import edu.campus.common.sso.SsoModel.TeacherBatch;
import edu.campus.common.sso.client.SsoClient;
import edu.campus.traffic.teacher.TeacherStore.Pending;
import io.smallrye.mutiny.Uni;

/**
 * Brings SSO in step with traffic's teachers: the ones whose {@code revision} SSO has not confirmed are sent in SSO's
 * batch form, each with {@code entity_id} = the traffic teacher id, and what SSO confirms is recorded per teacher
 * (only if the teacher did not change meanwhile). Items SSO refuses keep their error and stay pending.
 */
@ApplicationScoped
public class SsoProvisioner {

    /** One batch: how many SSO confirmed or refused, and the last teacher id looked at (0 when nothing was pending). */
    public record Outcome(int provisioned, int failed, long lastId, int size) {
    }

    private final TeacherStore store;
    private final SsoClient sso;

    SsoProvisioner(TeacherStore store, SsoClient sso) {
        this.store = store;
        this.sso = sso;
    }

    public Uni<Outcome> provisionPending(long afterId, long maxId, int limit) {
        return store.pending(afterId, maxId, limit)
                .flatMap(batch -> {
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(new Outcome(0, 0, 0, 0));
                    }
                    List<AccountUpsert> accounts = batch.stream()
                            .map(t -> new AccountUpsert(t.id(), t.fullName(), t.ruzTeacherId(), null)).toList();
                    return sso.upsertTeachers(new TeacherBatch(accounts)).flatMap(response -> record(batch, response.results()));
                });
    }

    private Uni<Outcome> record(List<Pending> batch, List<BatchResult> results) {
        Map<Long, Pending> byId = new HashMap<>();
        batch.forEach(t -> byId.put(t.id(), t));
        List<Long> okIds = new ArrayList<>();
        List<Integer> okRevisions = new ArrayList<>();
        List<Long> userIds = new ArrayList<>();
        List<String> usernames = new ArrayList<>();
        List<Long> failedIds = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (BatchResult result : results == null ? List.<BatchResult>of() : results) {
            Pending teacher = result.entityId() == null ? null : byId.remove(result.entityId());
            if (teacher == null) {
                continue;
            }
            if (result.user() != null) {
                okIds.add(teacher.id());
                okRevisions.add(teacher.revision());
                userIds.add(result.user().userId());
                usernames.add(result.user().username());
            } else {
                failedIds.add(teacher.id());
                errors.add(result.error() == null ? "refused by SSO" : result.error().errorCode() + ": " + result.error().message());
            }
        }
        // teachers SSO did not answer for stay pending, with a note
        byId.values().forEach(t -> {
            failedIds.add(t.id());
            errors.add("no answer from SSO for this teacher");
        });
        long lastId = batch.get(batch.size() - 1).id();
        Outcome outcome = new Outcome(okIds.size(), failedIds.size(), lastId, batch.size());
        Uni<Void> confirmed = okIds.isEmpty() ? Uni.createFrom().voidItem()
                : store.confirm(okIds.toArray(Long[]::new), okRevisions.toArray(Integer[]::new), userIds.toArray(Long[]::new),
                        usernames.toArray(String[]::new));
        Uni<Void> refused = failedIds.isEmpty() ? Uni.createFrom().voidItem()
                : store.refuse(failedIds.toArray(Long[]::new), errors.toArray(String[]::new));
        return confirmed.flatMap(ignored -> refused).replaceWith(outcome);
    }
}
