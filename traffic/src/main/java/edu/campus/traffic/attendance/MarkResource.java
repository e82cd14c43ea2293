package edu.campus.traffic.attendance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
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
    public Uni<RestResponse<MarkResult>> mark(@RestPath @Min(1) long id, @Valid @NotNull MarkRequest request) {
        return attendance.mark(student.get(), id, request.qrToken())
                .map(result -> RestResponse.status(result.status() == MarkOutcome.marked ? RestResponse.Status.CREATED : RestResponse.Status.OK, result));
    }
}
