package edu.campus.sso.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.audit.AuditLog;
import edu.campus.sso.token.RefreshTokenStore;
import edu.campus.sso.user.UserDtos.CreateUser;
import edu.campus.sso.user.UserDtos.LinkTelegram;
import edu.campus.sso.user.UserDtos.PatchUser;
import edu.campus.sso.user.UserDtos.UserView;
import edu.campus.sso.user.UserDtos.UsernameCheck;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * The admin API's rules: listing, look-ups, create/patch/delete, Telegram link management. Every change and its
 * audit entry commit together.
 */
@ApplicationScoped
public class UserAdmin {

    private final Pool db;
    private final UserStore users;
    private final TelegramLinkStore links;
    private final RefreshTokenStore refreshTokens;
    private final Vertx vertx;
    private final AuditLog audit;
    private final int bcryptCost;
    private final UserEvents events;

    UserAdmin(Pool db, UserStore users, TelegramLinkStore links, RefreshTokenStore refreshTokens, Vertx vertx, AuditLog audit,
            SsoConfig config, UserEvents events) {
        this.events = events;
        this.db = db;
        this.users = users;
        this.links = links;
        this.refreshTokens = refreshTokens;
        this.vertx = vertx;
        this.audit = audit;
        this.bcryptCost = config.login().bcryptCost();
    }

    public Uni<Page<UserView>> list(User.App app, User.Role role, String text, int page, int size) {
        return users.list(app, role, text, page, size);
    }

    public Uni<UserView> get(long id) {
        return users.view(id).map(found -> found.orElseThrow(() -> ApiException.notFound("user", id)));
    }

    public Uni<UserView> byTelegram(long telegramId) {
        return users.byTelegram(telegramId).map(found -> found.orElseThrow(() -> ApiException.notFound("user", telegramId)));
    }

    public Uni<UserView> byRuzTeacher(long ruzTeacherId, User.App app) {
        return users.byRuzTeacher(ruzTeacherId, app).map(found -> found.orElseThrow(() -> ApiException.notFound("user", ruzTeacherId)));
    }

    /** Whether the name is free; when taken, the next free numbered variant. */
    public Uni<UsernameCheck> checkUsername(String username) {
        return users.numberedVariants(username).map(taken -> {
            if (!taken.contains(username)) {
                return new UsernameCheck(username, true, null);
            }
            int n = 2;
            while (taken.contains(username + n)) {
                n++;
            }
            return new UsernameCheck(username, false, username + n);
        });
    }

    public Uni<UserView> create(CreateUser request, String actor) {
        if (request.app() == User.App.traffic && request.role() == User.Role.teacher && request.entityId() == null) {
            throw new ApiException(422, "entity_id_required", "a traffic teacher needs the entity_id of its traffic teacher", Map.of());
        }
        String base = request.username() != null ? request.username() : Usernames.fromFullName(request.fullName());
        return hash(request.password())
                .flatMap(hash -> Usernames.firstFree(base, request.username() == null, candidate -> db.withTransaction(tx -> users
                        .insert(tx, candidate, hash, request.fullName().strip(), request.app(), request.role(), request.entityId(),
                                request.ruzTeacherId())
                        .call(id -> audit.record(tx, actor, "user_created", "user:" + id,
                                new JsonObject().put("app", request.app().name()).put("role", request.role().name())))),
                        candidate -> ApiException.conflict("the username is taken", Map.of("field", "username"))))
                .onFailure(PgException.class).transform(failure -> conflict((PgException) failure))
                .flatMap(this::get);
    }

    public Uni<UserView> patch(long id, PatchUser patch, String actor) {
        return hash(patch.password()).flatMap(hash -> db.withTransaction(tx -> users.patch(tx, id, patch, hash)
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound("user", id);
                    }
                    UserStore.Patched after = found.get();
                    // a deactivated account or a new password ends every sign-in of the account
                    Uni<Void> revoked = Boolean.FALSE.equals(patch.isActive()) || hash != null ? refreshTokens.revokeAllOfUser(tx, id)
                            : Uni.createFrom().voidItem();
                    UserEvents.Account account = new UserEvents.Account(id, after.app(), after.role(), after.entityId());
                    if (after.wasActive() != after.isActive()) {
                        return revoked.call(() -> after.isActive() ? events.activated(tx, account) : events.deactivated(tx, account));
                    }
                    return revoked;
                })
                .call(() -> audit.record(tx, actor, "user_updated", "user:" + id, new JsonObject().put("fields", fieldsOf(patch))))))
                .onFailure(PgException.class).transform(failure -> conflict((PgException) failure))
                .flatMap(ignored -> get(id));
    }

    /** Deletes an account; never the last active sso admin. */
    public Uni<Void> delete(long id, String actor) {
        return get(id).flatMap(user -> db.withTransaction(tx -> {
            Uni<Void> allowed = user.app() == User.App.sso && user.role() == User.Role.admin
                    ? users.lockActiveAdmins(tx).map(admins -> {
                        if (admins <= 1 && user.isActive()) {
                            throw ApiException.conflict("the last active admin cannot be deleted", Map.of());
                        }
                        return null;
                    })
                    : Uni.createFrom().voidItem();
            return allowed.flatMap(ok -> users.delete(tx, id))
                    .call(() -> audit.record(tx, actor, "user_deleted", "user:" + id, null))
                    .call(() -> events.deleted(tx, new UserEvents.Account(id, user.app(), user.role(), user.entityId())));
        })).replaceWithVoid();
    }

    public Uni<UserView> linkTelegram(long id, LinkTelegram link, String actor) {
        return get(id).flatMap(user -> db.withTransaction(tx -> links.attach(tx, id, link.telegramId(), link.telegramUsername(),
                link.chatId())
                .call(() -> audit.record(tx, actor, "telegram_linked", "user:" + id, new JsonObject().put("telegram_id", link.telegramId())))
                .call(() -> events.telegramLinked(tx, id, link.telegramId()))))
                .onFailure(PgException.class).transform(failure -> conflict((PgException) failure))
                .flatMap(ignored -> get(id));
    }

    public Uni<Void> unlinkTelegram(long id, String actor) {
        return get(id).flatMap(user -> db.withTransaction(tx -> links.detach(tx, id)
                .call(() -> audit.record(tx, actor, "telegram_unlinked", "user:" + id, null))))
                .replaceWithVoid();
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
}
