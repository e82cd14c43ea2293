package edu.campus.schedule.ruz;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;

/**
 * RUZ, the university timetable system, exactly as it answers. Bodies come back raw: RUZ sends errors inside
 * 200 answers and shapes vary, so {@link RuzGateway} and {@link RuzNormalizer} read them. Only schedule may call RUZ.
 */
@RegisterRestClient(configKey = "ruz")
@Produces(MediaType.APPLICATION_JSON)
public interface RuzApi {

    @GET
    @Path("/faculties")
    Uni<String> faculties();

    @GET
    @Path("/faculties/{faculty_id}/groups")
    Uni<String> groups(@PathParam("faculty_id") long facultyId);

    @GET
    @Path("/scheduler/{group_id}")
    Uni<String> groupWeek(@PathParam("group_id") long groupId, @QueryParam("date") String date);

    @GET
    @Path("/teachers")
    Uni<String> teachers();

    @GET
    @Path("/teachers/{teacher_id}/scheduler")
    Uni<String> teacherWeek(@PathParam("teacher_id") long teacherId, @QueryParam("date") String date);

    @GET
    @Path("/buildings")
    Uni<String> buildings();

    @GET
    @Path("/buildings/{building_id}/rooms")
    Uni<String> rooms(@PathParam("building_id") long buildingId);

    @GET
    @Path("/buildings/{building_id}/rooms/{room_id}/scheduler")
    Uni<String> roomWeek(@PathParam("building_id") long buildingId, @PathParam("room_id") long roomId,
            @QueryParam("date") String date);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return RuzErrors.fromStatus(response);
    }
}
