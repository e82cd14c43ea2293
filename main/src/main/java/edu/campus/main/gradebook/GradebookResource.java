package edu.campus.main.gradebook;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import edu.campus.common.launch.RequireStudent;
import edu.campus.common.launch.Student;
import edu.campus.main.gradebook.GradebookDtos.Connect;
import edu.campus.main.gradebook.GradebookDtos.GradebookView;
import io.smallrye.mutiny.Uni;

@Path("/api/main/gradebook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequireStudent
@SecurityRequirement(name = "bearer")
@Tag(name = "gradebook")
public class GradebookResource {

    private final Gradebook gradebook;
    private final Student caller;

    GradebookResource(Gradebook gradebook, Student caller) {
        this.gradebook = gradebook;
        this.caller = caller;
    }

    @POST
    @Path("/connect")
    @Operation(summary = "Connect the record book with the university password (used once, never stored)")
    @APIResponse(responseCode = "200", description = "the record book, fresh", content = @Content(mediaType = "application/json", schema = @Schema(implementation = GradebookView.class)))
    @APIResponse(responseCode = "422", description = "the university refused the password (gradebook_login_refused), or the "
            + "record-book number is needed (record_book_number_required)")
    public Uni<GradebookView> connect(@Valid @NotNull Connect body) {
        return gradebook.connect(caller.get().studentId(), body);
    }

    @GET
    @Operation(summary = "The record book, grouped into academic years (stale with its age when the upstream cannot answer)")
    @APIResponse(responseCode = "200", description = "the record book", content = @Content(mediaType = "application/json", schema = @Schema(implementation = GradebookView.class)))
    @APIResponse(responseCode = "404", description = "not connected yet (gradebook_not_connected)")
    public Uni<GradebookView> read() {
        return gradebook.read(caller.get().studentId());
    }

    @DELETE
    @Operation(summary = "Disconnect: forget the upstream session and the stored book")
    @APIResponse(responseCode = "204", description = "forgotten")
    public Uni<Response> disconnect() {
        return gradebook.disconnect(caller.get().studentId()).replaceWith(Response.noContent().build());
    }
}
