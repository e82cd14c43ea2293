package edu.campus.main.student;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import edu.campus.common.launch.RequireStudent;
import edu.campus.main.student.StudentDtos.GroupChoice;
import edu.campus.main.student.StudentDtos.Profile;
import io.smallrye.mutiny.Uni;

@Path("/api/main/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequireStudent
@SecurityRequirement(name = "bearer")
@Tag(name = "student")
public class MeResource {

    private final Students students;
    private final edu.campus.common.launch.Student caller;

    MeResource(Students students, edu.campus.common.launch.Student caller) {
        this.students = students;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The signed-in student's profile (group_required: pick a group with PUT /me/group)")
    public Uni<Profile> me() {
        return students.profile(caller.get().studentId());
    }

    @PUT
    @Path("/group")
    @Operation(summary = "Choose the study group (resolved through the timetable)")
    @APIResponse(responseCode = "200", description = "the profile with the group", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Profile.class)))
    @APIResponse(responseCode = "422", description = "no such group in that faculty (group_not_found)")
    public Uni<Profile> chooseGroup(@Valid @NotNull GroupChoice body) {
        return students.chooseGroup(caller.get().studentId(), body);
    }
}
