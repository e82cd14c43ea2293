package edu.campus.traffic.kiosk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.common.schedule.ScheduleClient;
import edu.campus.common.schedule.ScheduleModel.RoomRef;
import edu.campus.traffic.kiosk.KioskDtos.KioskCredentials;
import edu.campus.traffic.kiosk.KioskDtos.KioskState;
import edu.campus.traffic.kiosk.KioskDtos.KioskView;
import edu.campus.traffic.kiosk.KioskDtos.Place;
import edu.campus.traffic.kiosk.KioskDtos.SessionOnKiosk;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** Kiosks: initialisation, what a kiosk shows, and the admin's binding to a RUZ room. */
@ApplicationScoped
public class Kiosks {

    private static final int PIN_ATTEMPTS = 8;
    private static final String VIEW_COLUMNS = """
            k.id, k.device_id, k.registration_pin, k.display_pin, k.building_id, k.building_name, k.room_id, k.room_name,
            k.created_at, k.registered_at, k.last_seen_at,
            (select s.id from attendance_sessions s where s.kiosk_id = k.id and s.status = 'active') as active_session_id
            """;

    private final Pool db;
    private final KioskSecrets secrets;
    private final KioskStateCache cache;
    private final KioskEvents events;
    private final ScheduleClient schedule;

    Kiosks(Pool db, KioskSecrets secrets, KioskStateCache cache, KioskEvents events, ScheduleClient schedule) {
        this.db = db;
        this.secrets = secrets;
        this.cache = cache;
        this.events = events;
        this.schedule = schedule;
    }

    /** A new, unregistered kiosk. Fresh PINs are drawn again if they clash with a live kiosk's. */
    public Uni<KioskCredentials> init() {
        String secret = secrets.newSecret();
        UUID deviceId = UUID.randomUUID();
        return withFreshPins(() -> {
            String registrationPin = secrets.newPin();
            String displayPin = secrets.newPin();
            return db.preparedQuery("insert into kiosks (device_id, secret_hash, registration_pin, display_pin) values ($1, $2, $3, $4)")
                    .execute(Tuple.of(deviceId, Buffer.buffer(KioskSecrets.hash(secret)), registrationPin, displayPin))
                    .map(done -> new KioskCredentials(deviceId, secret, registrationPin, displayPin, "unregistered"));
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

    public static KioskState state(KioskSnapshot kiosk, Instant now) {
        Place place = place(kiosk.buildingId(), kiosk.buildingName(), kiosk.roomId(), kiosk.roomName());
        if (!kiosk.registered()) {
            return new KioskState("unregistered", kiosk.deviceId(), kiosk.registrationPin(), null, null, null, now);
        }
        KioskSnapshot.ActiveSession s = kiosk.session();
        if (s == null || !s.expiresAt().toInstant().isAfter(now)) {
            return new KioskState("idle", kiosk.deviceId(), null, kiosk.displayPin(), place, null, now);
        }
        return new KioskState("active", kiosk.deviceId(), null, kiosk.displayPin(), place,
                new SessionOnKiosk(s.id(), s.discipline(), s.teacherName(), s.lessonStart(), s.lessonEnd(), s.startedAt(),
                        s.expiresAt(), s.attendeeCount(), s.secret(), s.rotationSeconds()),
                now);
    }

    /**
     * The state as JSON bytes: the snapshot's prepared body plus {@code server_time}; only a session that expired
     * since the snapshot was read (idle now, until the expiry job's change arrives) is serialised afresh.
     */
    public static byte[] stateJson(KioskSnapshot kiosk, Instant now, ObjectMapper json) {
        KioskSnapshot.ActiveSession s = kiosk.session();
        if (kiosk.body() == null || s != null && !s.expiresAt().toInstant().isAfter(now)) {
            try {
                return json.writeValueAsBytes(state(kiosk, now));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        byte[] time = (",\"server_time\":\"" + now + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(kiosk.body(), kiosk.body().length + time.length);
        System.arraycopy(time, 0, out, kiosk.body().length, time.length);
        return out;
    }

    static KioskSnapshot withBody(KioskSnapshot kiosk, ObjectMapper json) {
        try {
            // "now" = the epoch: the session is drawn as active; stateJson serialises afresh once it has expired
            byte[] full = json.writeValueAsBytes(state(kiosk, Instant.EPOCH).withoutTime());
            return kiosk.withBody(Arrays.copyOf(full, full.length - 1)); // without the closing brace
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- admin ------------------------------------------------------------------------------------------------

    public Uni<Page<KioskView>> list(Boolean registered, int page, int size) {
        String where = registered == null ? "" : registered ? " where k.registered_at is not null" : " where k.registered_at is null";
        return db.preparedQuery("select " + VIEW_COLUMNS + " from kiosks k" + where + " order by k.id limit $1 offset $2")
                .execute(Tuple.of(size, (long) page * size))
                .flatMap(rows -> db.query("select count(*) from kiosks k" + where).execute()
                        .map(count -> new Page<>(views(rows), page, size, count.iterator().next().getLong(0))));
    }

    public Uni<KioskView> byId(long id) {
        return db.preparedQuery("select " + VIEW_COLUMNS + " from kiosks k where k.id = $1").execute(Tuple.of(id))
                .map(rows -> one(rows, id));
    }

    public Uni<KioskView> byRegistrationPin(String pin) {
        return db.preparedQuery("select " + VIEW_COLUMNS + " from kiosks k where k.registration_pin = $1").execute(Tuple.of(pin))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.notFound("kiosk", null);
                    }
                    return view(rows.iterator().next());
                });
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
                    return db.withTransaction(tx -> tx.preparedQuery("""
                            update kiosks set building_id = $2, building_name = $3, room_id = $4, room_name = $5,
                                   registration_pin = null, registered_at = coalesce(registered_at, now())
                            where id = $1 returning id, """ + KioskEvents.notifySql("id"))
                            .execute(Tuple.of(id, buildingId, buildingName, roomId, room.name())));
                })
                .flatMap(rows -> {
                    if (rowCount(rows) == 0) {
                        throw ApiException.notFound("kiosk", id);
                    }
                    events.changed(id);
                    return byId(id);
                });
    }

    /** Back to unregistered, with a fresh registration PIN; its active session (if any) is closed. */
    public Uni<KioskView> unbind(long id) {
        return withFreshPins(() -> db.withTransaction(tx -> tx.preparedQuery(
                "update attendance_sessions set status = 'closed', ended_at = now() where kiosk_id = $1 and status = 'active'")
                .execute(Tuple.of(id))
                .flatMap(closed -> tx.preparedQuery("""
                        update kiosks set building_id = null, building_name = null, room_id = null, room_name = null,
                               registered_at = null, registration_pin = $2
                        where id = $1 returning id, """ + KioskEvents.notifySql("id"))
                        .execute(Tuple.of(id, secrets.newPin())))))
                .flatMap(rows -> {
                    if (rowCount(rows) == 0) {
                        throw ApiException.notFound("kiosk", id);
                    }
                    events.changed(id);
                    return byId(id);
                });
    }

    /** Deletes a kiosk; its sessions and marks stay (their kiosk becomes unknown). */
    public Uni<Void> delete(long id) {
        return db.withTransaction(tx -> tx.preparedQuery(
                "update attendance_sessions set status = 'closed', ended_at = now() where kiosk_id = $1 and status = 'active'")
                .execute(Tuple.of(id))
                .flatMap(closed -> tx.preparedQuery("delete from kiosks where id = $1 returning id, " + KioskEvents.notifySql("id"))
                        .execute(Tuple.of(id))))
                .map(rows -> {
                    if (rowCount(rows) == 0) {
                        throw ApiException.notFound("kiosk", id);
                    }
                    events.changed(id);
                    return null;
                });
    }

    /** The registered kiosk showing this display PIN (what a teacher types). */
    public Uni<KioskView> byDisplayPin(String pin) {
        return db.preparedQuery("select " + VIEW_COLUMNS + " from kiosks k where k.display_pin = $1").execute(Tuple.of(pin))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.notFound("kiosk", null);
                    }
                    KioskView kiosk = view(rows.iterator().next());
                    if (kiosk.place() == null) {
                        throw new ApiException(409, "kiosk_not_registered", "this kiosk is not bound to a room yet", Map.of());
                    }
                    return kiosk;
                });
    }

    private <T> Uni<T> withFreshPins(Supplier<Uni<? extends T>> attempt) {
        Uni<T> first = Uni.createFrom().deferred(attempt);
        return first.onFailure(Kiosks::pinClash).retry().atMost(PIN_ATTEMPTS);
    }

    private static boolean pinClash(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState()) && pg.getConstraint() != null
                && pg.getConstraint().contains("pin");
    }

    private static int rowCount(RowSet<Row> rows) {
        return rows.rowCount();
    }

    private static KioskView one(RowSet<Row> rows, long id) {
        if (!rows.iterator().hasNext()) {
            throw ApiException.notFound("kiosk", id);
        }
        return view(rows.iterator().next());
    }

    private static List<KioskView> views(RowSet<Row> rows) {
        List<KioskView> views = new ArrayList<>(rows.size());
        rows.forEach(row -> views.add(view(row)));
        return views;
    }

    static KioskView view(Row row) {
        OffsetDateTime registeredAt = row.getOffsetDateTime("registered_at");
        return new KioskView(row.getLong("id"), row.getUUID("device_id"), registeredAt == null ? "unregistered"
                : row.getLong("active_session_id") != null ? "active" : "idle",
                row.getString("registration_pin"), row.getString("display_pin"),
                place(row.getLong("building_id"), row.getString("building_name"), row.getLong("room_id"), row.getString("room_name")),
                row.getOffsetDateTime("created_at"), registeredAt, row.getOffsetDateTime("last_seen_at"),
                row.getLong("active_session_id"));
    }

    private static Place place(Long buildingId, String buildingName, Long roomId, String roomName) {
        return roomId == null ? null : new Place(buildingId, buildingName, roomId, roomName);
    }
}
