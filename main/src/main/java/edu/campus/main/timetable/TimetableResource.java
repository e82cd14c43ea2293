package edu.campus.main.timetable;

import java.time.LocalDate;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import edu.campus.common.error.Params;
import edu.campus.common.launch.RequireStudent;
import edu.campus.common.launch.Student;
import edu.campus.common.schedule.ScheduleModel.Week;
import io.smallrye.mutiny.Uni;

@Path("/api/main/schedule")
@Produces(MediaType.APPLICATION_JSON)
@RequireStudent
@SecurityRequirement(name = "bearer")
@Tag(name = "timetable")
public class TimetableResource {

    private final Timetable timetable;
    private final Student caller;
    private final java.time.ZoneId zone;

    TimetableResource(Timetable timetable, Student caller, edu.campus.main.MainConfig config) {
        this.timetable = timetable;
        this.caller = caller;
        this.zone = config.timezone();
    }

    @GET
    @Path("/week")
    @Operation(summary = "The student's group's week containing the date (default today)")
    @APIResponse(responseCode = "200", description = "the week", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Week.class)))
    @APIResponse(responseCode = "409", description = "no study group chosen yet (group_required)")
    public Uni<Week> week(@QueryParam("date") String date) {
        LocalDate day = Params.isoDate("date", date, LocalDate.now(zone));
        return timetable.week(caller.get().studentId(), day);
    }
}
