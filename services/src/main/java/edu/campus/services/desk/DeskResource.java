package edu.campus.services.desk;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import edu.campus.common.api.PageParams;
import edu.campus.common.auth.RequireUser;
import edu.campus.common.error.ApiException;
import edu.campus.services.application.ApplicationDtos.ApplicationDetail;
import edu.campus.services.application.ApplicationDtos.Assignment;
import edu.campus.services.application.ApplicationDtos.NewReply;
import edu.campus.services.application.ApplicationDtos.StatusChange;
import edu.campus.services.application.ApplicationStatus;
import edu.campus.services.application.Applications;
import edu.campus.services.application.DeskPage;
import edu.campus.services.application.DeskQuery;
import edu.campus.services.file.Downloads;
import edu.campus.services.people.ActorKind;
import edu.campus.services.people.Actors;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * The desk: staff see their department's applications, executors the ones assigned to them, admins all (SSO token of
 * app "services"). A staff member or executor whose record here is gone or being deleted is refused at once (403
 * account_inactive); an application outside the caller's reach is a 404.
 */
@Path("/api/services/desk")
@Produces(MediaType.APPLICATION_JSON)
@RequireUser(app = "services", roles = { "admin", "staff", "executor" })
@SecurityRequirement(name = "bearer")
@Tag(name = "desk")
public class DeskResource {

    /** Who is at the desk: kind (admin, staff, executor), their id here (an admin's: the SSO user id), their department. */
    public record Me(ActorKind kind, long id, Long departmentId, String fullName) {
    }

    private final Actors actors;
    private final Applications applications;
    private final Downloads downloads;

    DeskResource(Actors actors, Applications applications, Downloads downloads) {
        this.actors = actors;
        this.applications = applications;
        this.downloads = downloads;
    }

    @GET
    @Path("/me")
    @Operation(summary = "Who the caller is at the desk")
    public Uni<Me> me() {
        return actors.current().map(a -> new Me(a.kind(), a.id(), a.departmentId(), a.name()));
    }

    @GET
    @Path("/applications")
    @Operation(summary = "Applications the caller may see, filtered and sorted, paged")
    public Uni<DeskPage> list(@RestQuery ApplicationStatus status, @RestQuery("service_id") Long serviceId,
            @RestQuery("executor_id") Long executorId, @RestQuery Boolean unassigned,
            @Parameter(description = "admins: one department") @RestQuery("department_id") Long departmentId,
            @Parameter(description = "contained in the student's name, e-mail or group; or an application id") @RestQuery @Size(max = 200) String q,
            @Parameter(description = "-created_at (default), created_at, -updated_at, updated_at") @RestQuery String sort,
            @Valid @BeanParam PageParams paging) {
        DeskQuery.Sort order = DeskQuery.Sort.parse(sort);
        if (order == null) {
            throw ApiException.validation("sort", "must be one of -created_at, created_at, -updated_at, updated_at");
        }
        DeskQuery query = new DeskQuery(departmentId, null, status, serviceId, executorId, unassigned, q, order);
        return actors.current().flatMap(actor -> applications.desk(actor, query, paging.page(), paging.size()));
    }

    @GET
    @Path("/applications/{id}")
    @Operation(summary = "One application with answers, files, replies and history")
    public Uni<ApplicationDetail> get(@RestPath long id) {
        return actors.current().flatMap(actor -> applications.desk(actor, id));
    }

    @POST
    @Path("/applications/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the application: pending → in_progress → completed | rejected, or pending → completed | rejected")
    @APIResponse(responseCode = "200", description = "the application", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicationDetail.class)))
    @APIResponse(responseCode = "409", description = "illegal_transition", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<ApplicationDetail> status(@RestPath long id, @Valid @NotNull StatusChange change) {
        return actors.current().flatMap(actor -> applications.changeStatus(actor, id, change.status(), change.comment()));
    }

    @PUT
    @Path("/applications/{id}/executor")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Staff and admins: assign an executor of the department ({\"executor_id\": null} unassigns)")
    @APIResponse(responseCode = "200", description = "the application", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicationDetail.class)))
    @APIResponse(responseCode = "409", description = "application_closed", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "422", description = "executor_not_available", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<ApplicationDetail> assign(@RestPath long id, @Valid @NotNull Assignment assignment) {
        return actors.current().flatMap(actor -> applications.assign(actor, id, assignment.executorId()));
    }

    @POST
    @Path("/applications/{id}/replies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reply with a message (JSON); with files, send multipart instead")
    public Uni<ApplicationDetail> reply(@RestPath long id, @Valid @NotNull NewReply reply) {
        return actors.current().flatMap(actor -> applications.reply(actor, id, reply.message(), List.of()));
    }

    @POST
    @Path("/applications/{id}/replies")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Reply with a message part and file parts (any part name)")
    public Uni<ApplicationDetail> replyWithFiles(@RestPath long id, @RestForm("message") String message,
            @RestForm(FileUpload.ALL) List<FileUpload> files) {
        return actors.current().flatMap(actor -> applications.reply(actor, id, message, files == null ? List.of() : files));
    }

    @GET
    @Path("/files/{id}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "A file of an application the caller may see, streamed (an attachment)")
    public RestMulti<Buffer> file(@RestPath long id) {
        return downloads.stream(actors.current().flatMap(actor -> applications.fileOf(actor, id)));
    }
}
