package edu.campus.sso.user;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.LikePatterns;
import edu.campus.common.api.Page;
import edu.campus.sso.user.UserDtos.PatchUser;
import edu.campus.sso.user.UserDtos.TelegramView;
import edu.campus.sso.user.UserDtos.UserView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code users} table: the one class that writes it (the SQL client, for {@code ON CONFLICT} and for joining
 * the caller's transaction with its audit entry) and reads it (the {@link User} entity where a sign-in needs it,
 * {@link UserView}s with their Telegram link for the admin API).
 */
@ApplicationScoped
public class UserStore {

    /** What a provisioning upsert left: the account, and whether it was inserted or its fields changed. */
    public record Provisioned(long id, String username, String fullName, Long entityId, Long ruzTeacherId, boolean inserted,
            boolean touched) {
    }

    private static final String VIEW = """
            select u.*, t.telegram_id, t.telegram_username, t.chat_id
            from users u left join telegram_links t on t.user_id = u.id
            """;

    /**
     * Provisioning creates or renames; it never re-activates an account an admin deactivated ({@code is_active} is only
     * set, by its default, on insert).
     */
    private static final String UPSERT_PROVISIONED = """
            insert into users (username, full_name, app, role, entity_id, ruz_teacher_id)
            values ($1, $2, $5, $6, $3, $4)
            on conflict (app, role, entity_id) where entity_id is not null do update
              set full_name = excluded.full_name,
                  ruz_teacher_id = coalesce(excluded.ruz_teacher_id, users.ruz_teacher_id),
                  updated_at = case when (users.full_name, users.ruz_teacher_id)
                                         is distinct from (excluded.full_name, coalesce(excluded.ruz_teacher_id, users.ruz_teacher_id))
                                    then now() else users.updated_at end
            returning id, username, full_name, entity_id, ruz_teacher_id, (xmax = 0) as inserted, (updated_at = now()) as touched
            """;

    private final Pool db;

    UserStore(Pool db) {
        this.db = db;
    }

    // --- the entity, for sign-in ------------------------------------------------------------------------------------

    public Uni<User> byUsername(String username) {
        return Panache.withSession(() -> User.<User> find("username", username).firstResult());
    }

    /** Inside a Panache session or transaction of the caller's. */
    public Uni<User> byIdInSession(long id) {
        return User.findById(id);
    }

    public Uni<User> byId(long id) {
        return Panache.withSession(() -> User.<User> findById(id));
    }

    // --- views, for the admin API -----------------------------------------------------------------------------------

    public Uni<Page<UserView>> list(User.App app, User.Role role, String text, int page, int size) {
        String where = " where ($1::text is null or u.app = $1) and ($2::text is null or u.role = $2)"
                + " and ($3::text is null or u.username ilike $3 or u.full_name ilike $3)";
        String like = text == null || text.isBlank() ? null : LikePatterns.containing(text.strip());
        String appName = app == null ? null : app.name();
        String roleName = role == null ? null : role.name();
        return db.preparedQuery("select count(*) from users u" + where).execute(Tuple.of(appName, roleName, like))
                .flatMap(count -> db.preparedQuery(VIEW + where + " order by u.id limit $4 offset $5")
                        .execute(Tuple.of(appName, roleName, like, size, (long) page * size))
                        .map(rows -> new Page<>(views(rows), page, size, count.iterator().next().getLong(0))));
    }

    public Uni<Optional<UserView>> view(long id) {
        return first(db.preparedQuery(VIEW + " where u.id = $1").execute(Tuple.of(id)));
    }

    public Uni<Optional<UserView>> byTelegram(long telegramId) {
        return first(db.preparedQuery(VIEW + " where t.telegram_id = $1").execute(Tuple.of(telegramId)));
    }

    public Uni<Optional<UserView>> byRuzTeacher(long ruzTeacherId, User.App app) {
        return first(db.preparedQuery(VIEW + " where u.ruz_teacher_id = $1 and ($2::text is null or u.app = $2)")
                .execute(Tuple.of(ruzTeacherId, app == null ? null : app.name())));
    }

    /** The usernames that are {@code username} or {@code username} followed by digits. */
    public Uni<Set<String>> numberedVariants(String username) {
        return db.preparedQuery("select username from users where username like $1").execute(Tuple.of(LikePatterns.startingWith(username)))
                .map(rows -> {
                    Set<String> taken = new HashSet<>();
                    rows.forEach(r -> {
                        String name = r.getString(0);
                        if (name.equals(username) || name.substring(username.length()).matches("[0-9]+")) {
                            taken.add(name);
                        }
                    });
                    return taken;
                });
    }

    public Uni<Optional<Long>> idOfEntity(User.App app, User.Role role, long entityId) {
        return db.preparedQuery("select id from users where app = $1 and role = $2 and entity_id = $3")
                .execute(Tuple.of(app.name(), role.name(), entityId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("id")) : Optional.empty());
    }

    // --- writes -------------------------------------------------------------------------------------------------------

    /** The new account's id; a taken username or a unique key of another account fails with its constraint. */
    public Uni<Long> insert(SqlClient tx, String username, String passwordHash, String fullName, User.App app, User.Role role,
            Long entityId, Long ruzTeacherId) {
        return tx.preparedQuery("""
                insert into users (username, password_hash, full_name, app, role, entity_id, ruz_teacher_id)
                values ($1, $2, $3, $4, $5, $6, $7) returning id
                """).execute(Tuple.from(new Object[] { username, passwordHash, fullName, app.name(), role.name(), entityId,
                ruzTeacherId }))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Whether SSO has an admin already (then the configured first admin is not made, and its password not hashed). */
    public Uni<Boolean> adminExists() {
        return db.preparedQuery("select exists (select 1 from users where app = 'sso' and role = 'admin')").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** The first admin, only while there is no sso admin at all; its id, or empty when an admin exists. */
    public Uni<Optional<Long>> insertFirstAdmin(SqlClient tx, String username, String passwordHash) {
        return tx.preparedQuery("""
                insert into users (username, password_hash, full_name, app, role)
                select $1, $2, 'Administrator', 'sso', 'admin'
                where not exists (select 1 from users where app = 'sso' and role = 'admin')
                returning id
                """).execute(Tuple.of(username, passwordHash))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong(0)) : Optional.empty());
    }

    /** An account after a patch, and whether it was active before. */
    public record Patched(boolean wasActive, boolean isActive, User.App app, User.Role role, Long entityId) {
    }

    /** Applies the fields present in {@code patch} ({@code passwordHash} null: unchanged); empty when there is no such user. */
    public Uni<Optional<Patched>> patch(SqlClient tx, long id, PatchUser patch, String passwordHash) {
        return tx.preparedQuery("""
                update users u set full_name = coalesce($2, u.full_name), password_hash = coalesce($3, u.password_hash),
                  is_active = coalesce($4, u.is_active), role = coalesce($5, u.role), entity_id = coalesce($6, u.entity_id),
                  ruz_teacher_id = coalesce($7, u.ruz_teacher_id), updated_at = now()
                from (select id, is_active from users where id = $1 for update) before
                where u.id = before.id
                returning before.is_active as was_active, u.is_active, u.app, u.role, u.entity_id
                """).execute(Tuple.from(new Object[] { id, patch.fullName() == null ? null : patch.fullName().strip(), passwordHash,
                patch.isActive(), patch.role() == null ? null : patch.role().name(), patch.entityId(), patch.ruzTeacherId() }))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new Patched(r.getBoolean("was_active"), r.getBoolean("is_active"), User.App.valueOf(r.getString("app")),
                            User.Role.valueOf(r.getString("role")), r.getLong("entity_id")));
                });
    }

    public Uni<Boolean> delete(SqlClient tx, long id) {
        return tx.preparedQuery("delete from users where id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
    }

    /** Active sso admins, counted with their rows locked until {@code tx} ends (two deletes cannot both see two). */
    public Uni<Long> lockActiveAdmins(SqlClient tx) {
        return tx.query("select id from users where app = 'sso' and role = 'admin' and is_active for update").execute()
                .map(rows -> (long) rows.rowCount());
    }

    /** The idempotent upsert of a provisioned account, keyed by (app, role, entity_id). */
    public Uni<Provisioned> upsertProvisioned(SqlClient tx, User.App app, User.Role role, String username, String fullName,
            long entityId, Long ruzTeacherId) {
        return tx.preparedQuery(UPSERT_PROVISIONED)
                .execute(Tuple.from(new Object[] { username, fullName, entityId, ruzTeacherId, app.name(), role.name() }))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Provisioned(row.getLong("id"), row.getString("username"), row.getString("full_name"),
                            row.getLong("entity_id"), row.getLong("ruz_teacher_id"), row.getBoolean("inserted"), row.getBoolean("touched"));
                });
    }

    /** Whether the account has a password (an invitation is issued only to one that has none, unless an admin re-invites). */
    public Uni<Boolean> hasPassword(SqlClient tx, long id) {
        return tx.preparedQuery("select password_hash is not null from users where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() && rows.iterator().next().getBoolean(0));
    }

    /** Sets the password (an accepted invitation); false when the account is gone. */
    public Uni<Boolean> setPassword(SqlClient tx, long id, String passwordHash) {
        return tx.preparedQuery("update users set password_hash = $2, updated_at = now() where id = $1").execute(Tuple.of(id, passwordHash))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Deletes a provisioned account; its id, or empty when there was none. */
    public Uni<Optional<Long>> deleteProvisioned(SqlClient tx, User.App app, User.Role role, long entityId) {
        return tx.preparedQuery("delete from users where app = $1 and role = $2 and entity_id = $3 returning id")
                .execute(Tuple.of(app.name(), role.name(), entityId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("id")) : Optional.empty());
    }

    private static Uni<Optional<UserView>> first(Uni<RowSet<Row>> query) {
        return query.map(rows -> {
            List<UserView> found = views(rows);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    private static List<UserView> views(RowSet<Row> rows) {
        List<UserView> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Long telegramId = r.getLong("telegram_id");
            out.add(new UserView(r.getLong("id"), r.getString("username"), r.getString("full_name"), User.App.valueOf(r.getString("app")),
                    User.Role.valueOf(r.getString("role")), r.getLong("entity_id"), r.getLong("ruz_teacher_id"), r.getBoolean("is_active"),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"),
                    telegramId == null ? null : new TelegramView(telegramId, r.getString("telegram_username"), r.getLong("chat_id"))));
        }
        return out;
    }
}
