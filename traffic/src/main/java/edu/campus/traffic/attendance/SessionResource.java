package edu.campus.traffic.attendance;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestQuery;

import edu.campus.common.api.Page;
import edu.campus.common.api.PageParams;
import edu.campus.common.auth.Caller;
import edu.campus.common.auth.RequireUser;
import edu.campus.common.error.ApiException;
import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.attendance.AttendanceDtos.Attendees;
import edu.campus.traffic.attendance.AttendanceDtos.KioskLessons;
import edu.campus.traffic.attendance.AttendanceDtos.ManualMark;
import edu.campus.traffic.attendance.AttendanceDtos.MarkResult;
import edu.campus.traffic.attendance.AttendanceDtos.PinRequest;
import edu.campus.traffic.attendance.AttendanceDtos.SessionView;
import edu.campus.traffic.attendance.AttendanceDtos.StartRequest;
import edu.campus.traffic.support.KeyedRateLimiter;
import io.smallrye.mutiny.Uni;

/** A teacher's side of attendance (SSO token of app traffic, role teacher, entity_id = traffic teacher id). */
@Path("/api/traffic")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequireUser(app = "traffic", roles = "teacher")
@SecurityRequirement(name = "bearer")
@Tag(name = "teacher")
public class SessionResource {

    private final Attendance attendance;
    private final Caller caller;
    private final KeyedRateLimiter pinLookups;

    SessionResource(Attendance attendance, Caller caller, TrafficConfig config) {
        this.attendance = attendance;
        this.caller = caller;
        this.pinLookups = new KeyedRateLimiter("display PIN look-ups", config.kiosk().pinLookupsPerMinute());
    }

    @POST
    @Path("/lessons/lookup")
    @Operation(summary = "Today's lessons of yours in the room of the kiosk showing this display PIN (rate-limited)")
    @APIResponse(responseCode = "200", description = "the lessons", content = @Content(mediaType = "application/json", schema = @Schema(implementation = KioskLessons.class)))
    @APIResponse(responseCode = "404", description = "no kiosk shows this display PIN", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "409", description = "kiosk_not_registered", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "429", description = "too many PIN look-ups (Retry-After)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "503", description = "schedule is unavailable (upstream_unavailable)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<KioskLessons> lessons(@Valid @NotNull PinRequest request) {
        long teacher = teacherId();
        pinLookups.consume("teacher:" + teacher);
        return attendance.lessons(teacher, request.displayPin());
    }

    @POST
    @Path("/sessions")
    @ResponseStatus(201)
    @Operation(summary = "Start an attendance session: for a lesson of the look-up (lesson_key) or ad hoc, for a lesson that is "
            + "not in the timetable (discipline, lesson_end optional); the kiosk's previous session is closed unless it is another "
            + "teacher's whose lesson has not ended")
    @APIResponse(responseCode = "201", description = "the session, active", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class)))
    @APIResponse(responseCode = "400", description = "validation_error: neither or both of lesson_key and discipline, a blank or too long discipline, lesson_end not later than now or beyond the longest session", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "403", description = "adhoc_sessions_disabled: ad-hoc sessions are switched off here", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "404", description = "no kiosk shows this display PIN", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "409", description = "kiosk_not_registered, or kiosk_busy: another teacher's lesson is still running on this kiosk", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "422", description = "lesson_not_found: no lesson of yours with this key today in this room", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "429", description = "too many PIN look-ups (Retry-After)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<SessionView> start(@Valid @NotNull StartRequest request) {
        long teacher = teacherId();
        if ((request.lessonKey() == null) == (request.discipline() == null)) {
            throw ApiException.validation("lesson_key", "give either lesson_key (a lesson of the timetable) or discipline (ad hoc)");
        }
        if (request.lessonKey() != null && request.lessonEnd() != null) {
            throw ApiException.validation("lesson_end", "only for ad-hoc sessions: a lesson of the timetable ends when it ends");
        }
        pinLookups.consume("teacher:" + teacher);
        return request.lessonKey() != null
                ? attendance.start(teacher, request.displayPin(), request.lessonKey())
                : attendance.startAdhoc(teacher, request.displayPin(), request.discipline(), request.lessonEnd());
    }

    @GET
    @Path("/sessions")
    @Operation(summary = "Your sessions, newest first; status=active|closed|expired filters")
    public Uni<Page<SessionView>> sessions(@RestQuery SessionStatus status,
            @Valid @BeanParam PageParams paging) {
        return attendance.sessions(teacherId(), status, paging.page(), paging.size());
    }

    @GET
    @Path("/sessions/{id}")
    public Uni<SessionView> session(@RestPath long id) {
        return attendance.ownSession(teacherId(), id);
    }

    @POST
    @Path("/sessions/{id}/close")
    @Operation(summary = "End the session now (repeating it is harmless)")
    public Uni<SessionView> close(@RestPath long id) {
        return attendance.close(teacherId(), id);
    }

    @GET
    @Path("/sessions/{id}/attendees")
    @Operation(summary = "Who is marked, in marking order")
    public Uni<Attendees> attendees(@RestPath long id) {
        return attendance.attendees(teacherId(), id);
    }

    @PUT
    @Path("/sessions/{id}/attendees/{student_id}")
    @Operation(summary = "Mark a student by hand: 201 marked, 200 already_marked")
    @APIResponse(responseCode = "201", description = "marked", content = @Content(mediaType = "application/json", schema = @Schema(implementation = MarkResult.class)))
    @APIResponse(responseCode = "200", description = "already_marked", content = @Content(mediaType = "application/json", schema = @Schema(implementation = MarkResult.class)))
    @APIResponse(responseCode = "404", description = "no such session", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<RestResponse<MarkResult>> manualMark(@RestPath long id, @RestPath("student_id") long studentId,
            @Valid @NotNull ManualMark mark) {
        return attendance.manualMark(teacherId(), id, studentId, mark)
                .map(result -> RestResponse.status(result.status() == MarkOutcome.marked ? RestResponse.Status.CREATED : RestResponse.Status.OK, result));
    }

    @DELETE
    @Path("/sessions/{id}/attendees/{student_id}")
    @ResponseStatus(204)
    @Operation(summary = "Remove a student's mark")
    public Uni<Void> unmark(@RestPath long id, @RestPath("student_id") long studentId) {
        return attendance.unmark(teacherId(), id, studentId);
    }

    @GET
    @Path("/sessions/{id}/attendees.csv")
    @Produces("text/csv")
    @Operation(summary = "The attendee list as CSV (UTF-8 with BOM, for spreadsheets)")
    public Uni<Response> csv(@RestPath long id) {
        return attendance.csv(teacherId(), id).map(body -> Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"attendance-" + id + ".csv\"").build());
    }

    private long teacherId() {
        Long entity = caller.get().entityId();
        if (entity == null) {
            throw ApiException.forbidden("this account is not linked to a traffic teacher");
        }
        return entity;
    }
}
