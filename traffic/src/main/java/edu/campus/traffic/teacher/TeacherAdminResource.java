package edu.campus.traffic.teacher;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import edu.campus.common.api.Page;
import edu.campus.common.api.PageParams;
import edu.campus.common.auth.RequireUser;
import edu.campus.common.sso.SsoModel.TelegramLink;
import edu.campus.traffic.teacher.TeacherDtos.NewTeacher;
import edu.campus.traffic.teacher.TeacherDtos.SyncRun;
import edu.campus.traffic.teacher.TeacherDtos.SyncStatus;
import edu.campus.traffic.teacher.TeacherDtos.TeacherView;
import io.smallrye.mutiny.Uni;

/** Traffic admins: teachers by hand, their Telegram links, and the teacher sync (trigger, status, history). */
@Path("/api/traffic/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequireUser(app = "traffic", roles = "admin")
@SecurityRequirement(name = "bearer")
@Tag(name = "admin: teachers")
public class TeacherAdminResource {

    private final Teachers teachers;
    private final TeacherSync sync;

    TeacherAdminResource(Teachers teachers, TeacherSync sync) {
        this.teachers = teachers;
        this.sync = sync;
    }

    @GET
    @Path("/teachers")
    @Operation(summary = "Teachers, paged; q searches the name, sso_pending=true lists those SSO has not confirmed")
    public Uni<Page<TeacherView>> list(@RestQuery String q, @RestQuery("sso_pending") Boolean ssoPending,
            @Valid @BeanParam PageParams paging) {
        return teachers.list(q, ssoPending, paging.page(), paging.size());
    }

    @GET
    @Path("/teachers/{id}")
    public Uni<TeacherView> get(@RestPath long id) {
        return teachers.view(id);
    }

    @POST
    @Path("/teachers")
    @ResponseStatus(201)
    @Operation(summary = "Create a teacher and provision it in SSO (sso_status pending if SSO could not be reached: the sync retries)")
    @APIResponse(responseCode = "201", description = "the teacher (sso_status pending when SSO could not be reached)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TeacherView.class)))
    @APIResponse(responseCode = "409", description = "a teacher with this RUZ id exists", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<TeacherView> create(@Valid @NotNull NewTeacher teacher) {
        return teachers.create(teacher);
    }

    @DELETE
    @Path("/teachers/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a teacher: its SSO account first, then the record (sessions keep the name)")
    public Uni<Void> delete(@RestPath long id) {
        return teachers.delete(id);
    }

    @POST
    @Path("/teachers/{id}/telegram-link")
    @Operation(summary = "A one-time Telegram deep link for the teacher to link their account (through SSO)")
    public Uni<TelegramLink> telegramLink(@RestPath long id) {
        return teachers.telegramLink(id);
    }

    @POST
    @Path("/teacher-sync")
    @ResponseStatus(202)
    @Operation(summary = "Start a teacher sync now; 409 sync_in_progress while one runs (on any instance)")
    @APIResponse(responseCode = "202", description = "the run, started", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncRun.class)))
    @APIResponse(responseCode = "409", description = "sync_in_progress (details.run_id)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<SyncRun> trigger() {
        return sync.trigger();
    }

    @GET
    @Path("/teacher-sync")
    @Operation(summary = "The sync in progress, the last finished run, and how many teachers SSO has not confirmed")
    public Uni<SyncStatus> status() {
        return sync.status();
    }

    @GET
    @Path("/teacher-sync/runs")
    public Uni<List<SyncRun>> runs(@RestQuery @DefaultValue("20") @Min(1) @Max(200) int limit) {
        return sync.runs(limit);
    }
}
