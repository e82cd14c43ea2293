package edu.campus.sso.user;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import edu.campus.common.api.LikePatterns;
import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.audit.AuditLog;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** The admin API's rules: listing, look-ups, create/patch/delete, Telegram link management, the audit log. */
@ApplicationScoped
public class UserAdmin {

    public record TelegramView(long telegramId, String telegramUsername, Long chatId) {
    }

    public record UserView(long id, String username, String fullName, String app, String role, Long entityId,
            Long ruzTeacherId, boolean isActive, OffsetDateTime createdAt, OffsetDateTime updatedAt, TelegramView telegram) {
    }

    public record CreateUser(@Size(min = 3, max = 64) @Pattern(regexp = "[a-z0-9._-]+") String username,
            @Size(min = 8, max = 200) String password, @NotBlank @Size(max = 200) String fullName,
            @NotNull User.App app, @NotNull User.Role role, @Positive Long entityId, @Positive Long ruzTeacherId) {
    }

    public record PatchUser(@Size(min = 1, max = 200) String fullName, @Size(min = 8, max = 200) String password,
            Boolean isActive, User.Role role, @Positive Long entityId, @Positive Long ruzTeacherId) {
    }

    public record LinkTelegram(@NotNull @Positive Long telegramId, @Size(max = 64) String telegramUsername, Long chatId) {
    }

    public record AuditEntry(long id, OffsetDateTime at, String actor, String action, String target, String requestId,
            Object details) {
    }

    private static final String SELECT = """
            select u.*, t.telegram_id, t.telegram_username, t.chat_id
            from users u left join telegram_links t on t.user_id = u.id
            """;

    private final Pool db;
    private final Vertx vertx;
    private final AuditLog audit;
    private final int bcryptCost;

    UserAdmin(Pool db, Vertx vertx, AuditLog audit, SsoConfig config) {
        this.db = db;
        this.vertx = vertx;
        this.audit = audit;
        this.bcryptCost = config.login().bcryptCost();
    }

    public Uni<Page<UserView>> list(String app, String role, String text, int page, int size) {
        String where = " where ($1::text is null or u.app = $1) and ($2::text is null or u.role = $2)"
                + " and ($3::text is null or u.username ilike $3 or u.full_name ilike $3)";
        String like = text == null || text.isBlank() ? null : LikePatterns.containing(text.trim());
        Tuple filters = Tuple.of(app, role, like);
        return db.preparedQuery("select count(*) from users u" + where).execute(filters)
                .flatMap(count -> db.preparedQuery(SELECT + where + " order by u.id limit $4 offset $5")
                        .execute(Tuple.of(app, role, like, size, (long) page * size))
                        .map(rows -> new Page<>(views(rows), page, size, count.iterator().next().getLong(0))));
    }

    public Uni<UserView> get(long id) {
        return one(db.preparedQuery(SELECT + " where u.id = $1").execute(Tuple.of(id)), "user", id);
    }

    public Uni<UserView> byTelegram(long telegramId) {
        return one(db.preparedQuery(SELECT + " where t.telegram_id = $1").execute(Tuple.of(telegramId)), "user", telegramId);
    }

    public Uni<UserView> byRuzTeacher(long ruzTeacherId, String app) {
        return one(db.preparedQuery(SELECT + " where u.ruz_teacher_id = $1 and ($2::text is null or u.app = $2)")
                .execute(Tuple.of(ruzTeacherId, app)), "user", ruzTeacherId);
    }

    /** Whether the name is free; when taken, the next free numbered variant. */
    public Uni<Map<String, Object>> checkUsername(String username) {
        String prefix = LikePatterns.startingWith(username);
        return db.preparedQuery("select username from users where username like $1").execute(Tuple.of(prefix))
                .map(rows -> {
                    java.util.Set<String> taken = new java.util.HashSet<>();
                    rows.forEach(r -> {
                        String name = r.getString(0);
                        if (name.equals(username) || name.substring(username.length()).matches("[0-9]+")) {
                            taken.add(name);
                        }
                    });
                    if (!taken.contains(username)) {
                        return Map.of("username", username, "available", true);
                    }
                    int n = 2;
                    while (taken.contains(username + n)) {
                        n++;
                    }
                    return Map.of("username", username, "available", false, "suggestion", username + n);
                });
    }

    public Uni<UserView> create(CreateUser request, String actor) {
        if (request.app() == User.App.traffic && request.role() == User.Role.teacher && request.entityId() == null) {
            throw new ApiException(422, "entity_id_required", "a traffic teacher needs the entity_id of its traffic teacher", Map.of());
        }
        String base = request.username() != null ? request.username() : Usernames.fromFullName(request.fullName());
        return hash(request.password()).flatMap(hash -> insert(request, base, hash))
                .call(id -> audit.record(actor, "user_created", "user:" + id, new JsonObject().put("app", request.app().name())
                        .put("role", request.role().name())))
                .flatMap(this::get);
    }

    private Uni<Long> insert(CreateUser request, String base, String hash) {
        return Usernames.firstFree(base, request.username() == null, candidate -> db.preparedQuery("""
                insert into users (username, password_hash, full_name, app, role, entity_id, ruz_teacher_id)
                values ($1, $2, $3, $4, $5, $6, $7) returning id
                """).execute(Tuple.from(new Object[] { candidate, hash, request.fullName().trim(), request.app().name(),
                request.role().name(), request.entityId(), request.ruzTeacherId() }))
                .map(rows -> rows.iterator().next().getLong(0)),
                candidate -> ApiException.conflict("the username is taken", Map.of("field", "username")))
                .onFailure(PgException.class).transform(failure -> conflict((PgException) failure));
    }

    public Uni<UserView> patch(long id, PatchUser patch, String actor) {
        return get(id).flatMap(current -> hash(patch.password()).flatMap(hash -> db.withTransaction(tx -> tx.preparedQuery("""
                update users set full_name = coalesce($2, full_name), password_hash = coalesce($3, password_hash),
                  is_active = coalesce($4, is_active), role = coalesce($5, role), entity_id = coalesce($6, entity_id),
                  ruz_teacher_id = coalesce($7, ruz_teacher_id), updated_at = now()
                where id = $1
                """).execute(Tuple.from(new Object[] { id, patch.fullName(), hash, patch.isActive(),
                patch.role() == null ? null : patch.role().name(), patch.entityId(), patch.ruzTeacherId() }))
                // a deactivated account or a new password ends every sign-in of the account
                .call(() -> Boolean.FALSE.equals(patch.isActive()) || hash != null
                        ? tx.preparedQuery("update refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null")
                                .execute(Tuple.of(id))
                        : Uni.createFrom().voidItem()))))
                .onFailure(PgException.class).transform(failure -> conflict((PgException) failure))
                .call(() -> audit.record(actor, "user_updated", "user:" + id, new JsonObject()
                        .put("fields", fieldsOf(patch))))
                .flatMap(ignored -> get(id));
    }

    public Uni<Void> delete(long id, String actor) {
        return get(id).flatMap(user -> {
            if ("sso".equals(user.app()) && "admin".equals(user.role())) {
                return db.query("select count(*) from users where app = 'sso' and role = 'admin' and is_active").execute()
                        .flatMap(rows -> rows.iterator().next().getLong(0) <= 1
                                ? Uni.createFrom().failure(ApiException.conflict("the last active admin cannot be deleted", Map.of()))
                                : remove(id));
            }
            return remove(id);
        }).call(() -> audit.record(actor, "user_deleted", "user:" + id, null));
    }

    private Uni<Void> remove(long id) {
        return db.preparedQuery("delete from users where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<UserView> linkTelegram(long id, LinkTelegram link, String actor) {
        return get(id).flatMap(user -> db.preparedQuery(edu.campus.sso.telegram.TelegramLinks.ATTACH)
                .execute(Tuple.of(id, link.telegramId(), link.telegramUsername(), link.chatId())))
                .onFailure(PgException.class).transform(failure -> conflict((PgException) failure))
                .call(() -> audit.record(actor, "telegram_linked", "user:" + id, new JsonObject().put("telegram_id", link.telegramId())))
                .flatMap(ignored -> get(id));
    }

    public Uni<Void> unlinkTelegram(long id, String actor) {
        return get(id).flatMap(user -> db.preparedQuery("delete from telegram_links where user_id = $1").execute(Tuple.of(id)))
                .call(() -> audit.record(actor, "telegram_unlinked", "user:" + id, null))
                .replaceWithVoid();
    }

    public Uni<Page<AuditEntry>> auditLog(String actor, String action, int page, int size) {
        String where = " where ($1::text is null or actor = $1) and ($2::text is null or action = $2)";
        return db.preparedQuery("select count(*) from audit_log" + where).execute(Tuple.of(actor, action))
                .flatMap(count -> db.preparedQuery("select * from audit_log" + where + " order by id desc limit $3 offset $4")
                        .execute(Tuple.of(actor, action, size, (long) page * size))
                        .map(rows -> {
                            List<AuditEntry> items = new ArrayList<>();
                            rows.forEach(r -> items.add(new AuditEntry(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("actor"),
                                    r.getString("action"), r.getString("target"), r.getString("request_id"),
                                    r.getValue("details") instanceof JsonObject json ? json.getMap() : null)));
                            return new Page<>(items, page, size, count.iterator().next().getLong(0));
                        }));
    }

    private Uni<String> hash(String password) {
        return password == null ? Uni.createFrom().nullItem()
                : vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, bcryptCost)), false);
    }

    private static List<String> fieldsOf(PatchUser patch) {
        List<String> fields = new ArrayList<>();
        if (patch.fullName() != null) fields.add("full_name");
        if (patch.password() != null) fields.add("password");
        if (patch.isActive() != null) fields.add("is_active");
        if (patch.role() != null) fields.add("role");
        if (patch.entityId() != null) fields.add("entity_id");
        if (patch.ruzTeacherId() != null) fields.add("ruz_teacher_id");
        return fields;
    }

    private static Throwable conflict(PgException e) {
        String constraint = e.getConstraint() == null ? "" : e.getConstraint();
        return switch (constraint) {
            case "users_username_key" -> ApiException.conflict("the username is taken", Map.of("field", "username"));
            case "users_ruz_teacher_id_key" -> ApiException.conflict("this RUZ teacher id belongs to another account", Map.of("field", "ruz_teacher_id"));
            case "users_app_role_entity" -> ApiException.conflict("this entity already has an account", Map.of("field", "entity_id"));
            case "telegram_links_telegram_id_key" -> ApiException.conflict("this Telegram account is linked to another user", Map.of("field", "telegram_id"));
            case "users_traffic_teacher_has_entity" -> new ApiException(422, "entity_id_required", "a traffic teacher needs an entity_id", Map.of());
            default -> e;
        };
    }

    private Uni<UserView> one(Uni<RowSet<Row>> query, String what, Object id) {
        return query.map(rows -> {
            List<UserView> found = views(rows);
            if (found.isEmpty()) {
                throw ApiException.notFound(what, id);
            }
            return found.get(0);
        });
    }

    private static List<UserView> views(RowSet<Row> rows) {
        List<UserView> out = new ArrayList<>();
        for (Row r : rows) {
            Long telegramId = r.getLong("telegram_id");
            out.add(new UserView(r.getLong("id"), r.getString("username"), r.getString("full_name"), r.getString("app"),
                    r.getString("role"), r.getLong("entity_id"), r.getLong("ruz_teacher_id"), r.getBoolean("is_active"),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"),
                    telegramId == null ? null : new TelegramView(telegramId, r.getString("telegram_username"), r.getLong("chat_id"))));
        }
        return out;
    }
}
