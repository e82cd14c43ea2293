package edu.campus.traffic.kiosk;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.common.schedule.ScheduleModel.RoomRef;
import edu.campus.common.schedule.client.ScheduleClient;
import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.kiosk.KioskDtos.KioskCredentials;
import edu.campus.traffic.kiosk.KioskDtos.KioskView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/** Kiosks: initialisation, authentication of a kiosk by its secret, and the admin's binding to a RUZ room. */
@ApplicationScoped
public class Kiosks {

    private static final int PIN_ATTEMPTS = 8;
    private static final int RETRY_INIT_SECONDS = 600;

    private final Pool db;
    private final KioskStore store;
    private final KioskSessions sessions;
    private final KioskSecrets secrets;
    private final KioskStateCache cache;
    private final KioskEvents events;
    private final ScheduleClient schedule;
    private final TrafficConfig config;

    Kiosks(Pool db, KioskStore store, KioskSessions sessions, KioskSecrets secrets, KioskStateCache cache, KioskEvents events,
            ScheduleClient schedule, TrafficConfig config) {
        this.config = config;
        this.db = db;
        this.store = store;
        this.sessions = sessions;
        this.secrets = secrets;
        this.cache = cache;
        this.events = events;
        this.schedule = schedule;
    }

    /**
     * A new, unregistered kiosk. Refused (503 with Retry-After) while {@code traffic.kiosk.max-unregistered} kiosks wait
     * for registration. Fresh PINs are drawn again if they clash with a live kiosk's; when they keep clashing (the PIN
     * space is short), 503 as well, never a 500.
     */
    public Uni<KioskCredentials> init() {
        String secret = secrets.newSecret();
        UUID deviceId = UUID.randomUUID();
        int max = config.kiosk().maxUnregistered();
        return store.countUnregistered().flatMap(waiting -> {
            if (waiting >= max) {
                return Uni.createFrom().failure(new ApiException(503, "too_many_unregistered_kiosks",
                        "too many kiosks are waiting for registration; register or delete some first",
                        Map.of("limit", max, "retry_after_seconds", RETRY_INIT_SECONDS)));
            }
            return withFreshPins(() -> {
                String registrationPin = secrets.newPin();
                String displayPin = secrets.newPin();
                return store.insert(deviceId, KioskSecrets.hash(secret), registrationPin, displayPin)
                        .replaceWith(new KioskCredentials(deviceId, secret, registrationPin, displayPin, KioskStatus.unregistered));
            });
        });
    }

    /** The state of the kiosk holding {@code secret}: 401 for no kiosk (never says which part was wrong). */
    public Uni<KioskSnapshot> authenticate(String secret) {
        if (!KioskSecrets.plausible(secret)) {
            return Uni.createFrom().failure(ApiException.unauthorized("a kiosk device secret is required"));
        }
        return cache.get(KioskSecrets.hash(secret)).map(found -> found
                .orElseThrow(() -> ApiException.unauthorized("unknown kiosk device secret")));
    }

    /** The hot path: the kiosk of this secret from memory, or null when it has to be read (then use {@link #authenticate}). */
    public KioskSnapshot cachedKiosk(String secret) {
        if (!KioskSecrets.plausible(secret)) {
            return null;
        }
        Optional<KioskSnapshot> hit = cache.cached(KioskSecrets.hash(secret));
        return hit == null ? null : hit.orElse(null);
    }

    // --- admin ------------------------------------------------------------------------------------------------

    public Uni<Page<KioskView>> list(Boolean registered, Boolean online, int page, int size) {
        return store.list(registered, online, page, size);
    }

    public Uni<KioskView> byId(long id) {
        return store.byId(id).map(found -> found.orElseThrow(() -> ApiException.notFound("kiosk", id)));
    }

    public Uni<KioskView> byRegistrationPin(String pin) {
        return store.byRegistrationPin(pin).map(found -> found.orElseThrow(() -> ApiException.notFound("kiosk", null)));
    }

    /** Binds (or re-binds) a kiosk to a room that schedule knows in that building; the registration PIN is spent. */
    public Uni<KioskView> bind(long id, long buildingId, long roomId) {
        return schedule.rooms(buildingId)
                .onFailure(ApiException.class).transform(failure -> ((ApiException) failure).status() == 404
                        ? ApiException.validation("building_id", "no such building in the timetable") : failure)
                .flatMap(rooms -> {
                    RoomRef room = rooms.rooms().stream().filter(r -> r.id() == roomId).findFirst()
                            .orElseThrow(() -> ApiException.validation("room_id", "no such room in building " + buildingId));
                    String buildingName = rooms.building() != null ? rooms.building().name() : null;
                    return store.bind(db, id, buildingId, buildingName, roomId, room.name());
                })
                .map(bound -> changed(id, bound));
    }

    /** Back to unregistered, with a fresh registration PIN; its active session (if any) is closed. */
    public Uni<KioskView> unbind(long id) {
        return withFreshPins(() -> db.withTransaction(tx -> sessions.closeActiveOnKiosk(tx, id)
                .flatMap(closed -> store.unbind(tx, id, secrets.newPin()))))
                .map(unbound -> changed(id, unbound));
    }

    /** Deletes a kiosk; its sessions and marks stay (their kiosk becomes unknown). */
    public Uni<Void> delete(long id) {
        return db.withTransaction(tx -> sessions.closeActiveOnKiosk(tx, id).flatMap(closed -> store.delete(tx, id)))
                .map(deleted -> {
                    if (!deleted) {
                        throw ApiException.notFound("kiosk", id);
                    }
                    events.changed(id);
                    return null;
                });
    }

    /** The registered kiosk showing this display PIN (what a teacher types). */
    public Uni<KioskView> byDisplayPin(String pin) {
        return store.byDisplayPin(pin).map(found -> {
            KioskView kiosk = found.orElseThrow(() -> ApiException.notFound("kiosk", null));
            if (kiosk.place() == null) {
                throw new ApiException(409, "kiosk_not_registered", "this kiosk is not bound to a room yet", Map.of());
            }
            return kiosk;
        });
    }

    private KioskView changed(long id, Optional<KioskView> kiosk) {
        KioskView view = kiosk.orElseThrow(() -> ApiException.notFound("kiosk", id));
        events.changed(id);
        return view;
    }

    private <T> Uni<T> withFreshPins(Supplier<Uni<? extends T>> attempt) {
        Uni<T> first = Uni.createFrom().deferred(attempt);
        return first.onFailure(Kiosks::pinClash).retry().atMost(PIN_ATTEMPTS)
                .onFailure(Kiosks::pinClash).transform(clash -> new ApiException(503, "pin_space_exhausted",
                        "no free PIN could be drawn; too many kiosks hold one", Map.of("retry_after_seconds", RETRY_INIT_SECONDS)));
    }

    private static boolean pinClash(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState()) && pg.getConstraint() != null
                && pg.getConstraint().contains("pin");
    }
}
