package edu.campus.traffic.teacher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.common.api.LikePatterns;
import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.common.sso.SsoClient;
import edu.campus.common.sso.SsoModel.TelegramLink;
import edu.campus.traffic.teacher.TeacherDtos.NewTeacher;
import edu.campus.traffic.teacher.TeacherDtos.TeacherView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** Traffic teachers: the admin's list, by-hand creation and deletion (kept in step with SSO), Telegram links. */
@ApplicationScoped
public class Teachers {

    private static final Logger LOG = Logger.getLogger(Teachers.class);
    static final String COLUMNS = "id, full_name, ruz_teacher_id, revision, sso_revision, sso_user_id, sso_username, sso_error, created_at, updated_at";

    /** A teacher as this service knows it; {@code name} is what lessons are matched against when RUZ ids are absent. */
    public record Teacher(long id, String fullName, Long ruzTeacherId) {
    }

    private final Pool db;
    private final SsoProvisioner provisioner;
    private final SsoClient sso;

    Teachers(Pool db, SsoProvisioner provisioner, SsoClient sso) {
        this.db = db;
        this.provisioner = provisioner;
        this.sso = sso;
    }

    public Uni<Teacher> byId(long id) {
        return db.preparedQuery("select id, full_name, ruz_teacher_id from teachers where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? new Teacher(id, rows.iterator().next().getString("full_name"), rows.iterator().next().getLong("ruz_teacher_id"))
                        : null);
    }

    public Uni<Page<TeacherView>> list(String text, Boolean pending, int page, int size) {
        String where = " where ($1::text is null or lower(full_name) like $1)"
                + " and ($2::boolean is null or (sso_revision is distinct from revision) = $2)";
        String like = text == null || text.isBlank() ? null : LikePatterns.containing(text.strip().toLowerCase());
        return db.preparedQuery("select " + COLUMNS + " from teachers" + where + " order by id limit $3 offset $4")
                .execute(Tuple.of(like, pending, size, (long) page * size))
                .flatMap(rows -> db.preparedQuery("select count(*) from teachers" + where).execute(Tuple.of(like, pending))
                        .map(count -> new Page<>(views(rows), page, size, count.iterator().next().getLong(0))));
    }

    public Uni<TeacherView> view(long id) {
        return db.preparedQuery("select " + COLUMNS + " from teachers where id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.notFound("teacher", id);
                    }
                    return view(rows.iterator().next());
                });
    }

    /**
     * Creates a teacher, then provisions it in SSO at once. The local row comes first (SSO must never hold a traffic
     * teacher without its entity id); if SSO is unavailable the teacher stays {@code pending} and the next sync
     * provisions it. A second create with the same RUZ id is a 409.
     */
    public Uni<TeacherView> create(NewTeacher teacher) {
        return db.preparedQuery("insert into teachers (full_name, ruz_teacher_id) values ($1, $2) returning id")
                .execute(Tuple.of(teacher.fullName().strip(), teacher.ruzTeacherId()))
                .onFailure(PgException.class).transform(failure -> "23505".equals(((PgException) failure).getSqlState())
                        ? ApiException.conflict("a teacher with this RUZ id exists", Map.of("ruz_teacher_id", teacher.ruzTeacherId()))
                        : failure)
                .map(rows -> rows.iterator().next().getLong("id"))
                .flatMap(id -> provisioner.provisionPending(id - 1, id, 1)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("teacher %d created; SSO provisioning deferred to the next sync: %s", id, failure.getMessage());
                            return null;
                        })
                        .flatMap(ignored -> view(id)));
    }

    /** Deletes the SSO account first (idempotent there), then the teacher; sessions keep the teacher's name. */
    public Uni<Void> delete(long id) {
        return view(id)
                .flatMap(teacher -> sso.deleteTeacher(id))
                .flatMap(ignored -> db.preparedQuery("delete from teachers where id = $1").execute(Tuple.of(id)))
                .replaceWithVoid();
    }

    public Uni<TelegramLink> telegramLink(long id) {
        return view(id).flatMap(teacher -> {
            if (!"provisioned".equals(teacher.ssoStatus()) && teacher.ssoUserId() == null) {
                throw new ApiException(409, "teacher_not_provisioned", "the teacher has no SSO account yet; run the sync",
                        Map.of("teacher_id", id));
            }
            return sso.teacherTelegramLink(id);
        });
    }

    static List<TeacherView> views(RowSet<Row> rows) {
        List<TeacherView> views = new ArrayList<>(rows.size());
        rows.forEach(row -> views.add(view(row)));
        return views;
    }

    static TeacherView view(Row row) {
        Integer ssoRevision = row.getInteger("sso_revision");
        boolean provisioned = ssoRevision != null && ssoRevision.equals(row.getInteger("revision"));
        return new TeacherView(row.getLong("id"), row.getString("full_name"), row.getLong("ruz_teacher_id"),
                provisioned ? "provisioned" : "pending", row.getLong("sso_user_id"), row.getString("sso_username"),
                row.getString("sso_error"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
