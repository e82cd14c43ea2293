package edu.campus.traffic.attendance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import edu.campus.common.launch.RequireStudent;
import edu.campus.common.launch.Student;
import edu.campus.traffic.attendance.AttendanceDtos.MarkRequest;
import edu.campus.traffic.attendance.AttendanceDtos.MarkResult;
import io.smallrye.mutiny.Uni;

/** The student's side: the Mini App posts the scanned QR token with the student's launch token (aud traffic). */
@Path("/api/traffic/sessions/{id}/marks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequireStudent
@SecurityRequirement(name = "bearer")
@Tag(name = "student")
public class MarkResource {

    private final Attendance attendance;
    private final Student student;

    MarkResource(Attendance attendance, Student student) {
        this.attendance = attendance;
        this.student = student;
    }

    @POST
    @Operation(summary = "Mark attendance with the QR token (current or previous window): 201 marked, 200 already_marked")
    @APIResponse(responseCode = "201", description = "marked", content = @Content(mediaType = "application/json", schema = @Schema(implementation = MarkResult.class)))
    @APIResponse(responseCode = "200", description = "already_marked: the student was marked before", content = @Content(mediaType = "application/json", schema = @Schema(implementation = MarkResult.class)))
    @APIResponse(responseCode = "404", description = "no such session", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "409", description = "session_closed: the session is over", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "422", description = "qr_token_expired (scan the current code) or qr_token_invalid", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<RestResponse<MarkResult>> mark(@RestPath long id, @Valid @NotNull MarkRequest request) {
        return attendance.mark(student.get(), id, request.qrToken())
                .map(result -> RestResponse.status(result.status() == MarkOutcome.marked ? RestResponse.Status.CREATED : RestResponse.Status.OK, result));
    }
}
