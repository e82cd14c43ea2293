package edu.campus.common.schedule.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import edu.campus.common.schedule.ScheduleModel.BuildingList;
import edu.campus.common.schedule.ScheduleModel.GroupResolution;
import edu.campus.common.schedule.ScheduleModel.RoomDay;
import edu.campus.common.schedule.ScheduleModel.RoomList;
import edu.campus.common.schedule.ScheduleModel.TeacherList;
import edu.campus.common.schedule.ScheduleModel.Week;
import edu.campus.common.schedule.ScheduleModel;
import edu.campus.common.upstream.Upstreams;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

import edu.campus.common.json.StrictJson;
import io.quarkus.rest.client.reactive.jackson.ClientObjectMapper;
import io.smallrye.mutiny.Uni;

/** The schedule gateway's HTTP contract. Use {@link ScheduleClient}, which adds the fault tolerance. */
@RegisterRestClient(configKey = "schedule")
@Path("/api/schedule")
interface ScheduleApi {

    /** Answers are read tolerantly: a newer neighbour may add fields. */
    @ClientObjectMapper
    static ObjectMapper objectMapper(ObjectMapper defaultObjectMapper) {
        return StrictJson.tolerant(defaultObjectMapper);
    }

    @GET
    @Path("/groups/resolve")
    Uni<GroupResolution> resolveGroup(@QueryParam("faculty_abbr") String facultyAbbr,
            @QueryParam("group_name") String groupName);

    @GET
    @Path("/groups/{group_id}/week")
    Uni<Week> groupWeek(@PathParam("group_id") long groupId, @QueryParam("date") String date);

    @GET
    @Path("/teachers")
    Uni<TeacherList> teachers();

    @GET
    @Path("/teachers/{teacher_id}/week")
    Uni<Week> teacherWeek(@PathParam("teacher_id") long teacherId, @QueryParam("date") String date);

    @GET
    @Path("/buildings")
    Uni<BuildingList> buildings();

    @GET
    @Path("/buildings/{building_id}/rooms")
    Uni<RoomList> rooms(@PathParam("building_id") long buildingId);

    @GET
    @Path("/rooms/{room_id}/day")
    Uni<RoomDay> roomDay(@PathParam("room_id") long roomId, @QueryParam("building_id") Long buildingId,
            @QueryParam("date") String date);

    /** Error statuses of the gateway become the platform's exceptions (404 stays a not-found). */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return Upstreams.fromStatus(ScheduleClient.UPSTREAM, response);
    }
}
