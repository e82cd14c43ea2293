package edu.campus.sso.provision;

import edu.campus.common.sso.SsoModel.Invitation;
import edu.campus.sso.invitation.Invitations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.sso.SsoMetrics;
import edu.campus.sso.audit.AuditLog;
import edu.campus.common.sso.SsoModel.BatchResult;
import edu.campus.common.sso.SsoModel.ProvisionedAccount;
import edu.campus.common.sso.SsoModel.AccountUpsert;
import edu.campus.sso.user.User;
import edu.campus.sso.user.UserEvents;
import edu.campus.sso.user.UserStore;
import edu.campus.sso.user.Usernames;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Idempotent upserts for the domain services. One statement per account, {@code INSERT ... ON CONFLICT} on
 * (app, role, entity_id): the same request repeated or sent concurrently leaves one row and answers the same.
 */
@ApplicationScoped
public class Provisioning {

    /** The accounts domain services provision (each endpoint declares the scope it needs). */
    public enum Kind {
        TRAFFIC_TEACHER(User.App.traffic, User.Role.teacher),
        SERVICES_STAFF(User.App.services, User.Role.staff),
        SERVICES_EXECUTOR(User.App.services, User.Role.executor);

        final User.App app;
        final User.Role role;

        Kind(User.App app, User.Role role) {
            this.app = app;
            this.role = role;
        }

        String metric() {
            return app.name() + "_" + role.name();
        }
    }

    private final Pool db;
    private final UserStore users;
    private final AuditLog audit;
    private final SsoMetrics metrics;
    private final Invitations invitations;
    private final UserEvents events;

    Provisioning(Pool db, UserStore users, AuditLog audit, SsoMetrics metrics, Invitations invitations, UserEvents events) {
        this.events = events;
        this.invitations = invitations;
        this.metrics = metrics;
        this.db = db;
        this.users = users;
        this.audit = audit;
    }

    public Uni<ProvisionedAccount> upsertTeacher(AccountUpsert teacher, String client) {
        return upsert(Kind.TRAFFIC_TEACHER, teacher, client);
    }

    /** The upsert and, when it changed anything, its audit entry, in one transaction. */
    public Uni<ProvisionedAccount> upsert(Kind kind, AccountUpsert account, String client) {
        if (account.entityId() == null) {
            metrics.provisioning(kind.metric(), "refused");
            throw missingEntity(kind, Map.of());
        }
        if (kind != Kind.TRAFFIC_TEACHER && account.ruzTeacherId() != null) {
            metrics.provisioning(kind.metric(), "refused");
            throw ApiException.validation("ruz_teacher_id", "only traffic teachers have one");
        }
        String base = account.username() != null ? account.username() : Usernames.fromFullName(account.fullName());
        boolean invite = Boolean.TRUE.equals(account.invite());
        return Usernames.firstFree(base, account.username() == null, candidate -> db.withTransaction(tx -> users
                .upsertProvisioned(tx, kind.app, kind.role, candidate, account.fullName().strip(), account.entityId(), account.ruzTeacherId())
                .call(row -> row.inserted() || row.touched()
                        ? audit.record(tx, "client:" + client, kind.role + (row.inserted() ? "_provisioned" : "_updated"),
                                "user:" + row.id(), new JsonObject().put("app", kind.app.name()).put("entity_id", account.entityId()))
                        : Uni.createFrom().voidItem())
                .flatMap(row -> (invite ? invitations.issueIfNoPassword(tx, row.id(), "client:" + client) : Uni.createFrom().<Invitation> nullItem())
                        .map(invitation -> new Upserted(row, invitation)))),
                candidate -> ApiException.conflict("the username is taken", Map.of("username", candidate)))
                .onFailure(PgException.class).transform(failure -> "users_ruz_teacher_id_key".equals(((PgException) failure).getConstraint())
                        ? ApiException.conflict("this RUZ teacher id belongs to another account",
                                Map.of("ruz_teacher_id", account.ruzTeacherId()))
                        : failure)
                .invoke(done -> metrics.provisioning(kind.metric(), done.row().inserted() ? "created" : done.row().touched() ? "updated" : "unchanged"))
                .onFailure(ApiException.class).invoke(() -> metrics.provisioning(kind.metric(), "refused"))
                .map(done -> new ProvisionedAccount(done.row().id(), done.row().username(), done.row().fullName(), kind.app.name(),
                        kind.role.name(), done.row().entityId(), done.row().ruzTeacherId(), done.invitation()));
    }

    private record Upserted(UserStore.Provisioned row, Invitation invitation) {
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

    /** Deletes the account of an entity with its audit entry; false when there was none (deleting twice is fine). */
    public Uni<Boolean> delete(Kind kind, long entityId, String client) {
        return db.withTransaction(tx -> users.deleteProvisioned(tx, kind.app, kind.role, entityId)
                .call(id -> id.isPresent() ? audit.record(tx, "client:" + client, kind.role + "_deleted", "user:" + id.get(),
                        new JsonObject().put("app", kind.app.name()).put("entity_id", entityId))
                        .call(() -> events.deleted(tx, new UserEvents.Account(id.get(), kind.app, kind.role, entityId)))
                        : Uni.createFrom().voidItem()))
                .map(id -> {
                    metrics.provisioning(kind.metric(), id.isPresent() ? "deleted" : "unchanged");
                    return id.isPresent();
                });
    }

    /** The account of a provisioned entity, for flows that start from the domain's id (e.g. a teacher's Telegram link). */
    public Uni<Long> userIdOf(Kind kind, long entityId) {
        return users.idOfEntity(kind.app, kind.role, entityId)
                .map(id -> id.orElseThrow(() -> ApiException.notFound("account", kind.app + ":" + kind.role + ":" + entityId)));
    }

    private static ApiException missingEntity(Kind kind, Map<String, Object> details) {
        return new ApiException(422, "entity_id_required",
                "a " + kind.app + " " + kind.role + " needs the entity_id of its " + kind.app + " record", details);
    }
}
