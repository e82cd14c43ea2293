package edu.campus.traffic.kiosk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.common.error.ApiException;
import edu.campus.common.error.ErrorCodes;
import edu.campus.common.token.Bearer;
import edu.campus.common.web.ClientAddress;
import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.kiosk.KioskDtos.KioskCredentials;
import edu.campus.traffic.kiosk.KioskDtos.KioskState;
import edu.campus.traffic.support.KeyedRateLimiter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** What the tablet at the door calls: it initialises itself once, then polls (or streams) its state. */
@Path("/api/traffic/kiosks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "kiosk")
public class KioskResource {

    private final Kiosks kiosks;
    private final KioskEvents events;
    private final LastSeen lastSeen;
    private final TrafficConfig config;
    private final KeyedRateLimiter inits;
    private final KeyedRateLimiter wrongSecrets;
    private final StreamSlots slots;
    private final ObjectMapper json;

    KioskResource(Kiosks kiosks, KioskEvents events, LastSeen lastSeen, TrafficConfig config, ObjectMapper json) {
        this.json = json;
        this.kiosks = kiosks;
        this.events = events;
        this.lastSeen = lastSeen;
        this.config = config;
        this.inits = new KeyedRateLimiter("kiosk initialisations from this address", config.kiosk().initsPerMinute());
        this.wrongSecrets = new KeyedRateLimiter("unknown kiosk device secrets from this address", config.kiosk().wrongSecretsPerMinute());
        this.slots = new StreamSlots(config.kiosk().streamsPerKiosk(), config.kiosk().streamsPerAddress());
    }

    @POST
    @Path("/init")
    @ResponseStatus(201)
    @Operation(summary = "A new kiosk: device id, PINs and the device secret (returned only here; keep it on the device)")
    @APIResponse(responseCode = "201", description = "the new kiosk and its device secret", content = @Content(mediaType = "application/json", schema = @Schema(implementation = KioskCredentials.class)))
    @APIResponse(responseCode = "429", description = "too many initialisations from this address (Retry-After)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "401", description = "enrolment_token_required: this platform enrols kiosks with a token (X-Kiosk-Enrolment-Token)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "503", description = "too_many_unregistered_kiosks or pin_space_exhausted (Retry-After)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<KioskCredentials> init(@Context HttpServerRequest request,
            @RestHeader("X-Kiosk-Enrolment-Token") String enrolmentToken) {
        inits.consume(ClientAddress.of(request));
        config.kiosk().enrolmentToken().filter(expected -> !expected.isBlank()).ifPresent(expected -> {
            if (enrolmentToken == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    enrolmentToken.getBytes(StandardCharsets.UTF_8))) {
                throw new ApiException(401, "enrolment_token_required",
                        "this platform enrols kiosks with a token: send it in X-Kiosk-Enrolment-Token", Map.of());
            }
        });
        return kiosks.init();
    }

    @GET
    @Path("/state")
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The kiosk's state (Authorization: Bearer <device secret>): unregistered, idle or active")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = KioskState.class)))
    @APIResponse(responseCode = "429", description = "too many unknown device secrets from this address (Retry-After)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<RestResponse<byte[]>> state(@RestHeader("Authorization") String authorization, @Context HttpServerRequest request) {
        // the hot path: a cached snapshot answers without a Uni operator, and its body is prepared once per snapshot
        String secret = Bearer.token(authorization);
        KioskSnapshot hot = kiosks.cachedKiosk(secret);
        if (hot != null) {
            return Uni.createFrom().item(stateResponse(hot));
        }
        return authenticate(secret, ClientAddress.of(request)).map(this::stateResponse);
    }

    /** A kiosk by its secret; unknown secrets are counted per address, and past the limit refused before any look-up. */
    private Uni<KioskSnapshot> authenticate(String secret, String address) {
        try {
            wrongSecrets.check(address);
        } catch (ApiException tooMany) {
            return Uni.createFrom().failure(tooMany);
        }
        return kiosks.authenticate(secret).onFailure(ApiException.class).invoke(failure -> {
            if (((ApiException) failure).status() == 401) {
                wrongSecrets.record(address);
            }
        });
    }


    private RestResponse<byte[]> stateResponse(KioskSnapshot kiosk) {
        lastSeen.seen(kiosk.kioskId());
        return RestResponse.ResponseBuilder.ok(KioskStateJson.bytes(kiosk, Instant.now(), json), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/events")
    @SecurityRequirement(name = "bearer")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The kiosk's state as server-sent events: now, on every change, and as a heartbeat")
    @APIResponse(responseCode = "200", description = "the event stream", content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS,
            schema = @Schema(implementation = KioskState.class)))
    @APIResponse(responseCode = "429", description = "too many open streams for this kiosk or from this address, or too many unknown secrets (Retry-After)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Multi<KioskState> events(@RestHeader("Authorization") String authorization) {
        String secret = Bearer.token(authorization);
        return kiosks.authenticate(secret).onItem().transformToMulti(first -> {
            long id = first.kioskId();
            AtomicReference<KioskState> last = new AtomicReference<>();
            Multi<Boolean> triggers = Multi.createBy().merging().streams(
                    Multi.createFrom().item(Boolean.TRUE),
                    events.changes().filter(changed -> changed == id).map(changed -> Boolean.FALSE),
                    Multi.createFrom().ticks().startingAfter(config.kiosk().heartbeat()).every(config.kiosk().heartbeat()).map(tick -> Boolean.TRUE));
            return triggers.onItem().transformToUniAndConcatenate(heartbeat -> kiosks.authenticate(secret)
                    .map(kiosk -> {
                        lastSeen.seen(kiosk.kioskId());
                        KioskState state = KioskStateJson.state(kiosk, Instant.now());
                        KioskState previous = last.getAndSet(state);
                        return heartbeat || previous == null || !sameExceptTime(previous, state) ? state : null;
                    }))
                    .filter(Objects::nonNull);
        });
    }

    /**
     * The event stream's headers are sent before its first item: a wrong secret must be refused before that, here,
     * so that it gets a 401 and not a broken stream.
     */
    @ServerRequestFilter
    public Uni<Response> authenticateStream(ContainerRequestContext request, SimpleResourceInfo resource, RoutingContext routing) {
        // a filter sees every request, polls included: a look at the matched method, never the path
        if (resource.getResourceClass() != KioskResource.class || !"events".equals(resource.getMethodName())) {
            return null;
        }
        String header = request.getHeaderString("Authorization");
        String address = ClientAddress.of(routing.request());
        return Uni.createFrom().deferred(() -> authenticate(Bearer.token(header), address))
                .map(kiosk -> {
                    // a few streams per kiosk and per address; the slot is given back when the response ends, however
                    StreamSlots.Slot slot = slots.take(kiosk.kioskId(), address);
                    if (slot == null) {
                        return new ApiException(429, ErrorCodes.TOO_MANY_REQUESTS, "too many open event streams for this kiosk or "
                                + "from this address; poll the state instead", Map.of("retry_after_seconds", 30)).toResponse();
                    }
                    routing.addEndHandler(ended -> slot.release());
                    return (Response) null;
                })
                .onFailure(ApiException.class).recoverWithItem(failure -> ((ApiException) failure).toResponse());
    }

    private static boolean sameExceptTime(KioskState a, KioskState b) {
        return a.withoutTime().equals(b.withoutTime());
    }
}
