package edu.campus.sso.provision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.sso.audit.AuditLog;
import edu.campus.sso.provision.ProvisionDtos.BatchResult;
import edu.campus.sso.provision.ProvisionDtos.ProvisionedUser;
import edu.campus.sso.provision.ProvisionDtos.TeacherUpsert;
import edu.campus.sso.user.Usernames;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Idempotent upserts for the domain services. One statement per account, {@code INSERT ... ON CONFLICT} on
 * (app, role, entity_id): the same request repeated or sent concurrently leaves one row and answers the same.
 */
@ApplicationScoped
public class Provisioning {

    static final int MAX_USERNAME_TRIES = 50;

    private static final String UPSERT_TEACHER = """
            insert into users (username, full_name, app, role, entity_id, ruz_teacher_id)
            values ($1, $2, 'traffic', 'teacher', $3, $4)
            on conflict (app, role, entity_id) where entity_id is not null do update
              set full_name = excluded.full_name,
                  ruz_teacher_id = coalesce(excluded.ruz_teacher_id, users.ruz_teacher_id),
                  is_active = true,
                  updated_at = case when (users.full_name, users.ruz_teacher_id, users.is_active)
                                         is distinct from (excluded.full_name, coalesce(excluded.ruz_teacher_id, users.ruz_teacher_id), true)
                                    then now() else users.updated_at end
            returning id, username, full_name, entity_id, ruz_teacher_id, (xmax = 0) as inserted, (updated_at = now()) as touched
            """;

    private final Pool db;
    private final AuditLog audit;

    Provisioning(Pool db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    public Uni<ProvisionedUser> upsertTeacher(TeacherUpsert teacher, String client) {
        if (teacher.entityId() == null) {
            throw missingEntity(Map.of());
        }
        String base = teacher.username() != null ? teacher.username() : Usernames.fromFullName(teacher.fullName());
        return attempt(teacher, base, 1).call(row -> row.getBoolean("inserted") || row.getBoolean("touched")
                ? audit.record("client:" + client, row.getBoolean("inserted") ? "teacher_provisioned" : "teacher_updated",
                        "user:" + row.getLong("id"), new JsonObject().put("entity_id", teacher.entityId()))
                : Uni.createFrom().voidItem())
                .map(Provisioning::toUser);
    }

    /** Each item on its own: one bad teacher does not stop the batch; results keep the request's order. */
    public Uni<List<BatchResult>> upsertTeachers(List<TeacherUpsert> teachers, String client) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (int i = 0; i < teachers.size(); i++) {
            if (teachers.get(i).entityId() == null) {
                missing.put("teachers[" + i + "].entity_id", "is required");
            }
        }
        if (!missing.isEmpty()) {
            throw missingEntity(Map.of("fields", missing));
        }
        return Multi.createFrom().iterable(teachers)
                .onItem().transformToUniAndConcatenate(teacher -> upsertTeacher(teacher, client)
                        .map(user -> new BatchResult(teacher.entityId(), user, null))
                        .onFailure(ApiException.class).recoverWithItem(failure -> new BatchResult(teacher.entityId(), null,
                                ((ApiException) failure).body())))
                .collect().asList()
                .map(ArrayList::new);
    }

    public Uni<Boolean> deleteTeacher(long entityId, String client) {
        return db.preparedQuery("delete from users where app = 'traffic' and role = 'teacher' and entity_id = $1 returning id")
                .execute(Tuple.of(entityId))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : audit.record("client:" + client, "teacher_deleted", "user:" + rows.iterator().next().getLong("id"),
                                new JsonObject().put("entity_id", entityId)).replaceWith(true));
    }

    private Uni<Row> attempt(TeacherUpsert teacher, String base, int n) {
        String candidate = n == 1 ? base : base + n;
        return db.preparedQuery(UPSERT_TEACHER)
                .execute(Tuple.of(candidate, teacher.fullName().trim(), teacher.entityId(), teacher.ruzTeacherId()))
                .map(rows -> rows.iterator().next())
                .onFailure(PgException.class).recoverWithUni(failure -> {
                    String constraint = ((PgException) failure).getConstraint();
                    if ("users_username_key".equals(constraint) && teacher.username() == null && n < MAX_USERNAME_TRIES) {
                        return attempt(teacher, base, n + 1); // another account has this name: take the next suffix
                    }
                    if ("users_username_key".equals(constraint)) {
                        return Uni.createFrom().failure(ApiException.conflict("the username is taken",
                                Map.of("username", candidate)));
                    }
                    if ("users_ruz_teacher_id_key".equals(constraint)) {
                        return Uni.createFrom().failure(ApiException.conflict(
                                "this RUZ teacher id belongs to another account", Map.of("ruz_teacher_id", teacher.ruzTeacherId())));
                    }
                    return Uni.createFrom().failure(failure);
                });
    }

    private static ProvisionedUser toUser(Row row) {
        return new ProvisionedUser(row.getLong("id"), row.getString("username"), row.getString("full_name"), "traffic",
                "teacher", row.getLong("entity_id"), row.getLong("ruz_teacher_id"));
    }

    private static ApiException missingEntity(Map<String, Object> details) {
        return new ApiException(422, "entity_id_required", "a traffic teacher needs the entity_id of its traffic teacher",
                details);
    }
}
