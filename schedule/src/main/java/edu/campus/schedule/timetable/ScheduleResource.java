package edu.campus.schedule.timetable;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import edu.campus.common.error.ErrorBody;
import edu.campus.common.error.Params;
import edu.campus.common.schedule.ScheduleModel.BuildingList;
import edu.campus.common.schedule.ScheduleModel.GroupResolution;
import edu.campus.common.schedule.ScheduleModel.RoomDay;
import edu.campus.common.schedule.ScheduleModel.RoomList;
import edu.campus.common.schedule.ScheduleModel.TeacherList;
import edu.campus.common.schedule.ScheduleModel.Week;
import edu.campus.schedule.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/**
 * {@code /api/schedule}: the RFC contract. Answers are pre-serialized JSON from the cache; headers tell where
 * they came from: {@code X-Cache: HIT|MISS|STALE} and {@code Age} (seconds since RUZ gave them).
 * Dates are checked with {@link Params}, ids by common's parameter check: the same 400 as bean validation, without
 * its per-call cost (measured: method validation was 14 % of a cache hit's CPU).
 */
@Path("/api/schedule")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedule")
@APIResponse(responseCode = "404", description = "not in the timetable", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "503", description = "RUZ unavailable and no copy young enough", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
public class ScheduleResource {

    private final ScheduleService schedule;

    ScheduleResource(ScheduleService schedule) {
        this.schedule = schedule;
    }

    @GET
    @Path("/groups/resolve")
    @Operation(summary = "Faculty and group ids from the faculty abbreviation and the group name")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = GroupResolution.class)))
    public Uni<Response> resolveGroup(@RestQuery("faculty_abbr") @NotBlank @Size(max = 64) String facultyAbbr,
            @RestQuery("group_name") @NotBlank @Size(max = 64) String groupName) {
        return schedule.resolveGroup(facultyAbbr, groupName).map(ScheduleResource::answer);
    }

    @GET
    @Path("/groups/{group_id}/week")
    @Operation(summary = "A group's week containing the date (default: today)")
    @APIResponse(responseCode = "422", description = "date_out_of_range: further than SCHEDULE_DATE_WINDOW_DAYS from today", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Week.class)))
    public Uni<Response> groupWeek(@RestPath("group_id") long groupId, @RestQuery String date) {
        return schedule.groupWeek(groupId, date(date)).map(ScheduleResource::answer);
    }

    @GET
    @Path("/teachers")
    @Operation(summary = "All teachers known to RUZ")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = TeacherList.class)))
    public Uni<Response> teachers() {
        return schedule.teachers().map(ScheduleResource::answer);
    }

    @GET
    @Path("/teachers/{teacher_id}/week")
    @Operation(summary = "A teacher's week containing the date (default: today)")
    @APIResponse(responseCode = "422", description = "date_out_of_range: further than SCHEDULE_DATE_WINDOW_DAYS from today", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Week.class)))
    public Uni<Response> teacherWeek(@RestPath("teacher_id") long teacherId, @RestQuery String date) {
        return schedule.teacherWeek(teacherId, date(date)).map(ScheduleResource::answer);
    }

    @GET
    @Path("/buildings")
    @Operation(summary = "All buildings")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BuildingList.class)))
    public Uni<Response> buildings() {
        return schedule.buildings().map(ScheduleResource::answer);
    }

    @GET
    @Path("/buildings/{building_id}/rooms")
    @Operation(summary = "The rooms of a building")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RoomList.class)))
    public Uni<Response> rooms(@RestPath("building_id") long buildingId) {
        return schedule.rooms(buildingId).map(ScheduleResource::answer);
    }

    @GET
    @Path("/rooms/{room_id}/day")
    @Operation(summary = "A room's lessons on one date (default: today); pass building_id when known")
    @APIResponse(responseCode = "422", description = "date_out_of_range: further than SCHEDULE_DATE_WINDOW_DAYS from today", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RoomDay.class)))
    public Uni<Response> roomDay(@RestPath("room_id") long roomId, @RestQuery("building_id") Long buildingId,
            @RestQuery String date) {
        return schedule.roomDay(roomId,
                buildingId == null ? null : buildingId, date(date)).map(ScheduleResource::answer);
    }

    private LocalDate date(String date) {
        LocalDate given = Params.isoDate("date", date == null ? null : date.trim(), null);
        return given != null ? schedule.withinWindow(given) : schedule.today();
    }

    static Response answer(CacheResult result) {
        Response.ResponseBuilder ok = Response.ok(result.body(), MediaType.APPLICATION_JSON_TYPE)
                .header("X-Cache", result.status().name())
                .header("Age", Long.toString(result.ageSeconds()));
        if (result.status() == CacheResult.Status.STALE) {
            ok.header("Warning", "110 - \"Response is Stale\"");
        }
        return ok.build();
    }
}
