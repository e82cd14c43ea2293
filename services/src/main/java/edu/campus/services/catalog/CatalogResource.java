package edu.campus.services.catalog;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import edu.campus.common.error.ApiException;
import edu.campus.common.launch.RequireStudent;
import edu.campus.common.launch.Student;
import edu.campus.services.application.ApplicationDtos.ApplicationDetail;
import edu.campus.services.application.Applications;
import edu.campus.services.catalog.CatalogDtos.ServiceView;
import io.smallrye.mutiny.Uni;

/** One service with its form (anyone), and a student's submit to it (launch token for "services"). */
@Path("/api/services/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalogue")
public class CatalogResource {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private final Catalog catalog;
    private final Applications applications;
    private final Student student;

    CatalogResource(Catalog catalog, Applications applications, Student student) {
        this.catalog = catalog;
        this.applications = applications;
        this.student = student;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An active service of an active department, with its form")
    public Uni<ServiceView> get(@RestPath long id) {
        return catalog.open(id);
    }

    @POST
    @Path("/{id}/applications")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequireStudent
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Submit an application: multipart with a 'form' part (the answers as a JSON object) and file parts named by "
            + "the form's file fields, or 'files' for attachments. A repeat with the same Idempotency-Key answers the first "
            + "application (200) instead of creating another (201)")
    @APIResponse(responseCode = "201", description = "created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicationDetail.class)))
    @APIResponse(responseCode = "200", description = "the application this Idempotency-Key created before", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicationDetail.class)))
    @APIResponse(responseCode = "400", description = "validation_error (details.fields names every wrong field), too_many_files", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "413", description = "file_too_large, files_too_large, payload_too_large", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "415", description = "file_type_not_allowed, file_content_mismatch (the content is not what the name says)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "422", description = "idempotency_key_reused (the key made an application of another service)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<RestResponse<ApplicationDetail>> submit(@RestPath long id, @RestForm("form") String form,
            @RestForm(FileUpload.ALL) List<FileUpload> files,
            @Parameter(description = "1 to 100 printable ASCII characters, unique per submit the client means") @RestHeader("Idempotency-Key") String idempotencyKey) {
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw new ApiException(400, "validation_error", "request is not valid",
                    Map.of("fields", Map.of("Idempotency-Key", "must be 1 to 100 printable ASCII characters")));
        }
        return applications.submit(student.get(), id, form, files == null ? List.of() : files, idempotencyKey)
                .map(submitted -> submitted.created()
                        ? RestResponse.ResponseBuilder.<ApplicationDetail> created(
                                URI.create("/api/services/my/applications/" + submitted.application().id()))
                                .entity(submitted.application()).build()
                        : RestResponse.ok(submitted.application()));
    }
}
