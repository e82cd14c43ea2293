package edu.campus.sso.provision;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import edu.campus.common.auth.Caller;
import edu.campus.common.auth.RequireScope;
import edu.campus.common.sso.SsoModel.BatchResponse;
import edu.campus.common.sso.SsoModel.ProvisionedAccount;
import edu.campus.common.sso.SsoModel.TeacherBatch;
import edu.campus.common.sso.SsoModel.AccountUpsert;
import edu.campus.common.sso.SsoModel.EntityRef;
import edu.campus.sso.provision.Provisioning.Kind;
import edu.campus.sso.telegram.TelegramLinks;
import edu.campus.common.sso.SsoModel.TelegramLink;
import io.smallrye.mutiny.Uni;

/** Internal: for the domain services' service tokens only. The public gateway does not route /api/provision. */
@Path("/api/provision")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "provision")
public class ProvisionResource {

    private static final String TRAFFIC = "provision:traffic";
    private static final String SERVICES = "provision:services";

    private final Provisioning provisioning;
    private final Caller caller;
    private final TelegramLinks telegram;

    ProvisionResource(Provisioning provisioning, Caller caller, TelegramLinks telegram) {
        this.provisioning = provisioning;
        this.caller = caller;
        this.telegram = telegram;
    }

    @POST
    @Path("/traffic/teachers")
    @RequireScope(TRAFFIC)
    @Operation(summary = "Upsert the SSO account of a traffic teacher (by entity_id; ruz_teacher_id kept unique)")
    public Uni<ProvisionedAccount> teacher(@Valid @NotNull AccountUpsert body) {
        return provisioning.upsertTeacher(body, client());
    }

    @POST
    @Path("/traffic/teachers/batch")
    @RequireScope(TRAFFIC)
    @Operation(summary = "The same for up to 1000 teachers; each item answers on its own")
    public Uni<BatchResponse> teachers(@Valid @NotNull TeacherBatch body) {
        return provisioning.upsertTeachers(body.teachers(), client()).map(results -> {
            int failed = (int) results.stream().filter(r -> r.error() != null).count();
            return new BatchResponse(results.size() - failed, failed, results);
        });
    }

    @DELETE
    @Path("/traffic/teachers/{entity_id}")
    @RequireScope(TRAFFIC)
    @Operation(summary = "Delete the account of a traffic teacher; deleting twice is fine")
    public Uni<Response> deleteTeacher(@RestPath("entity_id") long entityId) {
        return delete(Kind.TRAFFIC_TEACHER, entityId);
    }

    @POST
    @Path("/traffic/teacher-link-telegram")
    @RequireScope(TRAFFIC)
    @Operation(summary = "A one-time Telegram deep link for a traffic teacher (an admin hands it to the teacher)")
    public Uni<TelegramLink> teacherTelegramLink(@Valid @NotNull EntityRef body) {
        if (body.entityId() == null) {
            throw new edu.campus.common.error.ApiException(422, "entity_id_required", "entity_id is required", java.util.Map.of());
        }
        return provisioning.userIdOf(Kind.TRAFFIC_TEACHER, body.entityId()).flatMap(telegram::newCode);
    }

    @POST
    @Path("/services/staff")
    @RequireScope(SERVICES)
    @Operation(summary = "Upsert the SSO account of a services staff member (by entity_id)")
    public Uni<ProvisionedAccount> staff(@Valid @NotNull AccountUpsert body) {
        return provisioning.upsert(Kind.SERVICES_STAFF, body, client());
    }

    @POST
    @Path("/services/executors")
    @RequireScope(SERVICES)
    @Operation(summary = "Upsert the SSO account of a services executor (by entity_id)")
    public Uni<ProvisionedAccount> executor(@Valid @NotNull AccountUpsert body) {
        return provisioning.upsert(Kind.SERVICES_EXECUTOR, body, client());
    }

    @DELETE
    @Path("/services/staff/{entity_id}")
    @RequireScope(SERVICES)
    public Uni<Response> deleteStaff(@RestPath("entity_id") long entityId) {
        return delete(Kind.SERVICES_STAFF, entityId);
    }

    @DELETE
    @Path("/services/executors/{entity_id}")
    @RequireScope(SERVICES)
    public Uni<Response> deleteExecutor(@RestPath("entity_id") long entityId) {
        return delete(Kind.SERVICES_EXECUTOR, entityId);
    }

    private Uni<Response> delete(Kind kind, long entityId) {
        return provisioning.delete(kind, entityId, client())
                .map(deleted -> Response.noContent().build());
    }

    private String client() {
        return caller.get().clientId();
    }
}
