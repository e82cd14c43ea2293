package edu.campus.traffic.teacher;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.LikePatterns;
import edu.campus.common.api.Page;
import edu.campus.traffic.teacher.TeacherDtos.TeacherView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code teachers} table. {@code revision} counts local changes and {@code sso_revision} is the one SSO last
 * confirmed, so "pending in SSO" is {@code sso_revision is distinct from revision}.
 */
@ApplicationScoped
public class TeacherStore {

    private static final String COLUMNS = "id, full_name, ruz_teacher_id, revision, sso_revision, sso_user_id, sso_username, sso_error, "
            + "created_at, updated_at";

    /** A teacher as lessons are matched against it: by RUZ id when it has one, else by name. */
    public record Teacher(long id, String fullName, Long ruzTeacherId) {
    }

    /** A teacher whose current revision SSO has not confirmed. */
    record Pending(long id, String fullName, Long ruzTeacherId, int revision) {
    }

    /** How one upsert batch went: rows inserted, rows whose name changed (the rest were unchanged). */
    record Upserted(int inserted, int updated) {
    }

    private final Pool db;

    TeacherStore(Pool db) {
        this.db = db;
    }

    public Uni<Optional<Teacher>> byId(long id) {
        return db.preparedQuery("select id, full_name, ruz_teacher_id from teachers where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(new Teacher(id, rows.iterator().next().getString("full_name"),
                                rows.iterator().next().getLong("ruz_teacher_id")))
                        : Optional.empty());
    }

    Uni<Optional<TeacherView>> view(long id) {
        return db.preparedQuery("select " + COLUMNS + " from teachers where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(view(rows.iterator().next())) : Optional.empty());
    }

    Uni<Page<TeacherView>> list(String text, Boolean pending, int page, int size) {
        String where = " where ($1::text is null or lower(full_name) like $1)"
                + " and ($2::boolean is null or (sso_revision is distinct from revision) = $2)";
        String like = text == null || text.isBlank() ? null : LikePatterns.containing(text.strip().toLowerCase());
        return db.preparedQuery("select " + COLUMNS + " from teachers" + where + " order by id limit $3 offset $4")
                .execute(Tuple.of(like, pending, size, (long) page * size))
                .flatMap(rows -> db.preparedQuery("select count(*) from teachers" + where).execute(Tuple.of(like, pending))
                        .map(count -> {
                            List<TeacherView> views = new ArrayList<>(rows.size());
                            rows.forEach(row -> views.add(view(row)));
                            return new Page<>(views, page, size, count.iterator().next().getLong(0));
                        }));
    }

    /** The new teacher's id; a RUZ id that exists fails with the unique violation. */
    Uni<Long> insert(String fullName, Long ruzTeacherId) {
        return db.preparedQuery("insert into teachers (full_name, ruz_teacher_id) values ($1, $2) returning id")
                .execute(Tuple.of(fullName, ruzTeacherId))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Uni<Void> delete(long id) {
        return db.preparedQuery("delete from teachers where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Teachers from RUZ by RUZ id: a row is written only when it is new or its name changed (then its revision bumps). */
    Uni<Upserted> upsertFromRuz(Long[] ruzIds, String[] names) {
        return db.preparedQuery("""
                insert into teachers (ruz_teacher_id, full_name)
                select * from unnest($1::bigint[], $2::text[])
                on conflict (ruz_teacher_id) do update
                  set full_name = excluded.full_name, revision = teachers.revision + 1, updated_at = now()
                  where teachers.full_name is distinct from excluded.full_name
                returning (xmax = 0) as inserted
                """).execute(Tuple.of(ruzIds, names))
                .map(rows -> {
                    int inserted = 0;
                    for (Row row : rows) {
                        if (row.getBoolean("inserted")) {
                            inserted++;
                        }
                    }
                    return new Upserted(inserted, rows.rowCount() - inserted);
                });
    }

    /** Up to {@code limit} teachers pending in SSO with ids in ({@code afterId}, {@code maxId}], in id order. */
    Uni<List<Pending>> pending(long afterId, long maxId, int limit) {
        return db.preparedQuery("""
                select id, full_name, ruz_teacher_id, revision from teachers
                where sso_revision is distinct from revision and id > $1 and id <= $2
                order by id limit $3
                """).execute(Tuple.of(afterId, maxId, limit))
                .map(rows -> {
                    List<Pending> batch = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        batch.add(new Pending(row.getLong("id"), row.getString("full_name"), row.getLong("ruz_teacher_id"),
                                row.getInteger("revision")));
                    }
                    return batch;
                });
    }

    /** Records SSO's confirmation of these revisions (a teacher that changed meanwhile stays pending). */
    Uni<Void> confirm(Long[] ids, Integer[] revisions, Long[] userIds, String[] usernames) {
        return db.preparedQuery("""
                update teachers t set sso_revision = v.revision, sso_user_id = v.user_id, sso_username = v.username, sso_error = null
                from unnest($1::bigint[], $2::int[], $3::bigint[], $4::text[]) as v(id, revision, user_id, username)
                where t.id = v.id and t.revision = v.revision
                """).execute(Tuple.of(ids, revisions, userIds, usernames)).replaceWithVoid();
    }

    /** Records why SSO did not take these teachers; they stay pending. */
    Uni<Void> refuse(Long[] ids, String[] errors) {
        return db.preparedQuery("""
                update teachers t set sso_error = v.error
                from unnest($1::bigint[], $2::text[]) as v(id, error) where t.id = v.id
                """).execute(Tuple.of(ids, errors)).replaceWithVoid();
    }

    /** How many teachers there are, and how many of them are pending in SSO. */
    Uni<long[]> counts() {
        return db.query("select count(*), count(*) filter (where sso_revision is distinct from revision) from teachers").execute()
                .map(rows -> {
                    Row c = rows.iterator().next();
                    return new long[] { c.getLong(0), c.getLong(1) };
                });
    }

    private static TeacherView view(Row row) {
        Integer ssoRevision = row.getInteger("sso_revision");
        boolean provisioned = ssoRevision != null && ssoRevision.equals(row.getInteger("revision"));
        return new TeacherView(row.getLong("id"), row.getString("full_name"), row.getLong("ruz_teacher_id"),
                provisioned ? SsoStatus.provisioned : SsoStatus.pending, row.getLong("sso_user_id"), row.getString("sso_username"),
                row.getString("sso_error"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
