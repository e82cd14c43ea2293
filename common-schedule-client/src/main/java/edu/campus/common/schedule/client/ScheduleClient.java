package edu.campus.common.schedule.client;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import edu.campus.common.schedule.ScheduleModel.BuildingList;
import edu.campus.common.schedule.ScheduleModel.GroupResolution;
import edu.campus.common.schedule.ScheduleModel.RoomDay;
import edu.campus.common.schedule.ScheduleModel.RoomList;
import edu.campus.common.schedule.ScheduleModel.TeacherList;
import edu.campus.common.schedule.ScheduleModel.Week;
import edu.campus.common.schedule.ScheduleModel;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import io.smallrye.mutiny.Uni;

/**
 * The typed client of the schedule gateway for traffic and main. Every call: a timeout per attempt, up to two
 * retries with jitter (all calls are idempotent reads; only unavailable/timeout are retried), a circuit breaker
 * per operation that counts only upstream failures (a 404 is an answer), and the shared error mapping.
 * Tune through {@code quarkus.fault-tolerance."edu.campus.common.schedule.client.ScheduleClient".*}.
 */
@ApplicationScoped
@Timeout(3000)
@Retry(maxRetries = 2, delay = 100, jitter = 100,
        retryOn = { UpstreamException.Unavailable.class, UpstreamException.Timeout.class, TimeoutException.class })
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        failOn = { UpstreamException.class, TimeoutException.class })
public class ScheduleClient {

    static final String UPSTREAM = "schedule";

    private final ScheduleApi api;

    ScheduleClient(@RestClient ScheduleApi api) {
        this.api = api;
    }

    public Uni<GroupResolution> resolveGroup(String facultyAbbr, String groupName) {
        return mapped(api.resolveGroup(facultyAbbr, groupName));
    }

    public Uni<Week> groupWeek(long groupId, LocalDate date) {
        return mapped(api.groupWeek(groupId, date.toString()));
    }

    public Uni<TeacherList> teachers() {
        return mapped(api.teachers());
    }

    public Uni<Week> teacherWeek(long teacherId, LocalDate date) {
        return mapped(api.teacherWeek(teacherId, date.toString()));
    }

    public Uni<BuildingList> buildings() {
        return mapped(api.buildings());
    }

    public Uni<RoomList> rooms(long buildingId) {
        return mapped(api.rooms(buildingId));
    }

    /** {@code buildingId} may be null; passing it saves the gateway a look-up. */
    public Uni<RoomDay> roomDay(long roomId, Long buildingId, LocalDate date) {
        return mapped(api.roomDay(roomId, buildingId, date.toString()));
    }

    private static <T> Uni<T> mapped(Uni<T> call) {
        return call.onFailure().transform(failure -> Upstreams.map(UPSTREAM, failure));
    }
}
