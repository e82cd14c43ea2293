package edu.campus.sso.provision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.sso.audit.AuditLog;
import edu.campus.common.sso.SsoModel.BatchResult;
import edu.campus.common.sso.SsoModel.ProvisionedAccount;
import edu.campus.common.sso.SsoModel.AccountUpsert;
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

    /** The accounts domain services provision, with the scope a service token needs for each. */
    public enum Kind {
        TRAFFIC_TEACHER("traffic", "teacher", "provision:traffic"),
        SERVICES_STAFF("services", "staff", "provision:services"),
        SERVICES_EXECUTOR("services", "executor", "provision:services");

        final String app;
        final String role;
        public final String scope;

        Kind(String app, String role, String scope) {
            this.app = app;
            this.role = role;
            this.scope = scope;
        }
    }

    private static final String UPSERT = """
            insert into users (username, full_name, app, role, entity_id, ruz_teacher_id)
            values ($1, $2, $5, $6, $3, $4)
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

    public Uni<ProvisionedAccount> upsertTeacher(AccountUpsert teacher, String client) {
        return upsert(Kind.TRAFFIC_TEACHER, teacher, client);
    }

    public Uni<ProvisionedAccount> upsert(Kind kind, AccountUpsert account, String client) {
        if (account.entityId() == null) {
            throw missingEntity(kind, Map.of());
        }
        if (kind != Kind.TRAFFIC_TEACHER && account.ruzTeacherId() != null) {
            throw edu.campus.common.error.ApiException.validation("ruz_teacher_id", "only traffic teachers have one");
        }
        String base = account.username() != null ? account.username() : Usernames.fromFullName(account.fullName());
        return attempt(kind, account, base).call(row -> row.getBoolean("inserted") || row.getBoolean("touched")
                ? audit.record("client:" + client, kind.role + (row.getBoolean("inserted") ? "_provisioned" : "_updated"),
                        "user:" + row.getLong("id"), new JsonObject().put("app", kind.app).put("entity_id", account.entityId()))
                : Uni.createFrom().voidItem())
                .map(row -> toUser(kind, row));
    }

    /** Each item on its own: one bad teacher does not stop the batch; results keep the request's order. */
    public Uni<List<BatchResult>> upsertTeachers(List<AccountUpsert> teachers, String client) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (int i = 0; i < teachers.size(); i++) {
            if (teachers.get(i).entityId() == null) {
                missing.put("teachers[" + i + "].entity_id", "is required");
            }
        }
        if (!missing.isEmpty()) {
            throw missingEntity(Kind.TRAFFIC_TEACHER, Map.of("fields", missing));
        }
        return Multi.createFrom().iterable(teachers)
                .onItem().transformToUniAndConcatenate(teacher -> upsertTeacher(teacher, client)
                        .map(user -> new BatchResult(teacher.entityId(), user, null))
                        .onFailure(ApiException.class).recoverWithItem(failure -> new BatchResult(teacher.entityId(), null,
                                ((ApiException) failure).body())))
                .collect().asList()
                .map(ArrayList::new);
    }

    public Uni<Boolean> delete(Kind kind, long entityId, String client) {
        return db.preparedQuery("delete from users where app = $1 and role = $2 and entity_id = $3 returning id")
                .execute(Tuple.of(kind.app, kind.role, entityId))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : audit.record("client:" + client, kind.role + "_deleted", "user:" + rows.iterator().next().getLong("id"),
                                new JsonObject().put("app", kind.app).put("entity_id", entityId)).replaceWith(true));
    }

    /** The account of a provisioned entity, for flows that start from the domain's id (e.g. a teacher's Telegram link). */
    public Uni<Long> userIdOf(Kind kind, long entityId) {
        return db.preparedQuery("select id from users where app = $1 and role = $2 and entity_id = $3")
                .execute(Tuple.of(kind.app, kind.role, entityId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.notFound("account", kind.app + ":" + kind.role + ":" + entityId);
                    }
                    return rows.iterator().next().getLong("id");
                });
    }

    private Uni<Row> attempt(Kind kind, AccountUpsert teacher, String base) {
        return Usernames.firstFree(base, teacher.username() == null, candidate -> db.preparedQuery(UPSERT)
                .execute(Tuple.from(new Object[] { candidate, teacher.fullName().trim(), teacher.entityId(), teacher.ruzTeacherId(),
                        kind.app, kind.role }))
                .map(rows -> rows.iterator().next()),
                candidate -> ApiException.conflict("the username is taken", Map.of("username", candidate)))
                .onFailure(PgException.class).transform(failure -> "users_ruz_teacher_id_key".equals(((PgException) failure).getConstraint())
                        ? ApiException.conflict("this RUZ teacher id belongs to another account",
                                Map.of("ruz_teacher_id", teacher.ruzTeacherId()))
                        : failure);
    }

    private static ProvisionedAccount toUser(Kind kind, Row row) {
        return new ProvisionedAccount(row.getLong("id"), row.getString("username"), row.getString("full_name"), kind.app,
                kind.role, row.getLong("entity_id"), row.getLong("ruz_teacher_id"));
    }

    private static ApiException missingEntity(Kind kind, Map<String, Object> details) {
        return new ApiException(422, "entity_id_required",
                "a " + kind.app + " " + kind.role + " needs the entity_id of its " + kind.app + " record", details);
    }
}
