package edu.campus.traffic.teacher;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.common.sso.SsoModel.TelegramLink;
import edu.campus.common.sso.client.SsoClient;
import edu.campus.traffic.teacher.TeacherDtos.NewTeacher;
import edu.campus.traffic.teacher.TeacherDtos.TeacherView;
import edu.campus.traffic.teacher.TeacherStore.Teacher;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** Traffic teachers: the admin's list, by-hand creation and deletion (kept in step with SSO), Telegram links. */
@ApplicationScoped
public class Teachers {

    private static final Logger LOG = Logger.getLogger(Teachers.class);

    private final TeacherStore store;
    private final SsoProvisioner provisioner;
    private final SsoClient sso;

    Teachers(TeacherStore store, SsoProvisioner provisioner, SsoClient sso) {
        this.store = store;
        this.provisioner = provisioner;
        this.sso = sso;
    }

    /** The traffic teacher an SSO account is linked to (its entity id), or 403 when there is none. */
    public Uni<Teacher> linked(long teacherId) {
        return store.byId(teacherId).map(teacher -> teacher.orElseThrow(
                () -> ApiException.forbidden("this account is not linked to a traffic teacher")));
    }

    public Uni<Page<TeacherView>> list(String text, Boolean pending, int page, int size) {
        return store.list(text, pending, page, size);
    }

    public Uni<TeacherView> view(long id) {
        return store.view(id).map(found -> found.orElseThrow(() -> ApiException.notFound("teacher", id)));
    }

    /**
     * Creates a teacher, then provisions it in SSO at once. The local row comes first (SSO must never hold a traffic
     * teacher without its entity id); if SSO is unavailable the teacher stays {@code pending} and the next sync
     * provisions it. A second create with the same RUZ id is a 409.
     */
    public Uni<TeacherView> create(NewTeacher teacher) {
        return store.insert(teacher.fullName().strip(), teacher.ruzTeacherId())
                .onFailure(PgException.class).transform(failure -> "23505".equals(((PgException) failure).getSqlState())
                        ? ApiException.conflict("a teacher with this RUZ id exists", Map.of("ruz_teacher_id", teacher.ruzTeacherId()))
                        : failure)
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
                .flatMap(ignored -> store.delete(id));
    }

    public Uni<TelegramLink> telegramLink(long id) {
        return view(id).flatMap(teacher -> {
            if (teacher.ssoStatus() != SsoStatus.provisioned && teacher.ssoUserId() == null) {
                throw new ApiException(409, "teacher_not_provisioned", "the teacher has no SSO account yet; run the sync",
                        Map.of("teacher_id", id));
            }
            return sso.teacherTelegramLink(id);
        });
    }
}
