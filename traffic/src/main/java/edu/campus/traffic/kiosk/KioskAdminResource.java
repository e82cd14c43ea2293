package edu.campus.traffic.kiosk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import edu.campus.common.api.Page;
import edu.campus.common.api.PageParams;
import edu.campus.common.auth.Caller;
import edu.campus.common.auth.RequireUser;
import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.kiosk.KioskDtos.BindRequest;
import edu.campus.traffic.kiosk.KioskDtos.KioskView;
import edu.campus.traffic.support.KeyedRateLimiter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Traffic admins manage kiosks: find one by its registration PIN, bind it to a RUZ room, unbind, delete. */
@Path("/api/traffic/admin/kiosks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequireUser(app = "traffic", roles = "admin")
@SecurityRequirement(name = "bearer")
@Tag(name = "admin: kiosks")
public class KioskAdminResource {

    private final Kiosks kiosks;
    private final KioskWatch watch;
    private final Caller caller;
    private final KeyedRateLimiter pinLookups;

    KioskAdminResource(Kiosks kiosks, KioskWatch watch, Caller caller, TrafficConfig config) {
        this.kiosks = kiosks;
        this.watch = watch;
        this.caller = caller;
        this.pinLookups = new KeyedRateLimiter("registration PIN look-ups", config.kiosk().pinLookupsPerMinute());
    }

    @GET
    @Operation(summary = "Kiosks, paged; registered=true|false and online=true|false filter (online: heard from within "
            + "TRAFFIC_KIOSK_ONLINE_WINDOW)")
    public Uni<Page<KioskView>> list(@RestQuery Boolean registered, @RestQuery Boolean online,
            @Valid @BeanParam PageParams paging) {
        return kiosks.list(registered, online, paging.page(), paging.size());
    }

    @GET
    @Path("/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live kiosk status as server-sent events: 'kiosks' (every kiosk) at once, then 'kiosk' (one kiosk, "
            + "as in the list) on every change: bind, unbind, session opened or closed, new, online or dark; 'kiosk_removed' "
            + "{id} when one is deleted; 'heartbeat' {server_time} every TRAFFIC_KIOSK_SSE_HEARTBEAT")
    @APIResponse(responseCode = "200", description = "the event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(implementation = KioskView.class)))
    public Multi<OutboundSseEvent> events(@Context Sse sse) {
        return watch.watch().map(update -> sse.newEventBuilder().name(update.name()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(update.data()).build());
    }

    @GET
    @Path("/by-registration-pin/{pin}")
    @Operation(summary = "The unregistered kiosk showing this registration PIN (rate-limited per admin)")
    @APIResponse(responseCode = "200", description = "the kiosk", content = @Content(mediaType = "application/json", schema = @Schema(implementation = KioskView.class)))
    @APIResponse(responseCode = "404", description = "no kiosk shows this registration PIN", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "429", description = "too many PIN look-ups (Retry-After)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<KioskView> byRegistrationPin(@RestPath @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String pin) {
        pinLookups.consume("admin:" + caller.get().subject());
        return kiosks.byRegistrationPin(pin);
    }

    @GET
    @Path("/{id}")
    public Uni<KioskView> get(@RestPath long id) {
        return kiosks.byId(id);
    }

    @PUT
    @Path("/{id}/room")
    @Operation(summary = "Bind the kiosk to a RUZ building and room (checked against schedule); repeating it is harmless")
    public Uni<KioskView> bind(@RestPath long id, @Valid @NotNull BindRequest request) {
        return kiosks.bind(id, request.buildingId(), request.roomId());
    }

    @DELETE
    @Path("/{id}/room")
    @Operation(summary = "Unbind: the kiosk shows a new registration PIN; an active session on it is closed")
    public Uni<KioskView> unbind(@RestPath long id) {
        return kiosks.unbind(id);
    }

    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete the kiosk; its sessions and marks are kept")
    public Uni<Void> delete(@RestPath long id) {
        return kiosks.delete(id);
    }
}
