package edu.campus.traffic.kiosk;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.Page;
import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.kiosk.KioskDtos.KioskView;
import edu.campus.traffic.kiosk.KioskDtos.Place;
import edu.campus.traffic.kiosk.KioskDtos.SessionSummary;
import edu.campus.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code kiosks} table: every statement that reads or writes it. A write that changes what a kiosk shows
 * announces it with {@link KioskNotify#sql} in the same statement.
 */
@ApplicationScoped
public class KioskStore {

    private static final String VIEW_COLUMNS = """
            k.id, k.device_id, k.registration_pin, k.display_pin, k.building_id, k.building_name, k.room_id, k.room_name,
            k.created_at, k.registered_at, k.last_seen_at,
            (select json_build_object('id', s.id, 'discipline', s.discipline, 'teacher_name', s.teacher_name,
                    'lesson_start', s.lesson_start, 'lesson_end', s.lesson_end, 'started_at', s.started_at,
                    'expires_at', s.expires_at, 'adhoc', s.kind = 'adhoc')
             from attendance_sessions s where s.kiosk_id = k.id and s.status = 'active') as active_session
            """;

    /** A kiosk's state as it is drawn: the kiosk, its active session and the session's attendee count, by secret hash. */
    private static final String STATE = """
            select k.id, k.device_id, k.registration_pin, k.display_pin, k.building_id, k.building_name, k.room_id, k.room_name,
                   s.id as session_id, s.discipline, s.teacher_name, s.lesson_start, s.lesson_end, s.started_at, s.expires_at,
                   s.secret, s.rotation_seconds,
                   (select count(*) from marks m where m.session_id = s.id) as attendees
            from kiosks k
            left join attendance_sessions s on s.kiosk_id = k.id and s.status = 'active'
            where k.secret_hash = $1
            """;

    private final Pool db;
    private final Duration onlineWindow;

    KioskStore(Pool db, TrafficConfig config) {
        this.db = db;
        this.onlineWindow = config.kiosk().onlineWindow();
    }

    /** A new kiosk (announced: the admins' live status lists it). */
    public Uni<Void> insert(UUID deviceId, byte[] secretHash, String registrationPin, String displayPin) {
        return db.preparedQuery("insert into kiosks (device_id, secret_hash, registration_pin, display_pin) values ($1, $2, $3, $4) "
                + "returning " + KioskNotify.sql("id"))
                .execute(Tuple.of(deviceId, Buffer.buffer(secretHash), registrationPin, displayPin))
                .replaceWithVoid();
    }

    /** How many kiosks wait for registration. */
    public Uni<Long> countUnregistered() {
        return db.query("select count(*) from kiosks where registered_at is null").execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A page of kiosks by id; {@code registered} and {@code online} filter when given. */
    public Uni<Page<KioskView>> list(Boolean registered, Boolean online, int page, int size) {
        String where = " where ($1::boolean is null or (k.registered_at is not null) = $1)"
                + " and ($2::boolean is null or coalesce(k.last_seen_at > $3, false) = $2)";
        OffsetDateTime cutoff = onlineCutoff();
        return db.preparedQuery("select " + VIEW_COLUMNS + " from kiosks k" + where + " order by k.id limit $4 offset $5")
                .execute(Tuple.of(registered, online, cutoff, size, (long) page * size))
                .flatMap(rows -> db.preparedQuery("select count(*) from kiosks k" + where).execute(Tuple.of(registered, online, cutoff))
                        .map(count -> new Page<>(views(rows), page, size, count.iterator().next().getLong(0))));
    }

    /** Every kiosk, by id (the first event of the admins' live status). */
    public Uni<List<KioskView>> all() {
        return db.query("select " + VIEW_COLUMNS + " from kiosks k order by k.id").execute().map(this::views);
    }

    public Uni<List<KioskView>> byIds(Long[] ids) {
        return db.preparedQuery("select " + VIEW_COLUMNS + " from kiosks k where k.id = any($1) order by k.id").execute(Tuple.of(ids))
                .map(this::views);
    }

    /** The ids of the kiosks online now. */
    public Uni<Set<Long>> onlineIds() {
        return db.preparedQuery("select id from kiosks where last_seen_at > $1").execute(Tuple.of(onlineCutoff())).map(rows -> {
            Set<Long> ids = new HashSet<>(rows.size() * 2);
            rows.forEach(row -> ids.add(row.getLong(0)));
            return ids;
        });
    }

    public Uni<Optional<KioskView>> byId(long id) {
        return first(db.preparedQuery("select " + VIEW_COLUMNS + " from kiosks k where k.id = $1").execute(Tuple.of(id)));
    }

    public Uni<Optional<KioskView>> byRegistrationPin(String pin) {
        return first(db.preparedQuery("select " + VIEW_COLUMNS + " from kiosks k where k.registration_pin = $1").execute(Tuple.of(pin)));
    }

    public Uni<Optional<KioskView>> byDisplayPin(String pin) {
        return first(db.preparedQuery("select " + VIEW_COLUMNS + " from kiosks k where k.display_pin = $1").execute(Tuple.of(pin)));
    }

    /** Locks a registered kiosk's row for the rest of {@code tx}; false when there is no such registered kiosk. */
    public Uni<Boolean> lockRegistered(SqlClient tx, long id) {
        return tx.preparedQuery("select id from kiosks where id = $1 and room_id is not null for update").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext());
    }

    /** Binds to a room and spends the registration PIN; the kiosk as admins see it afterwards. */
    public Uni<Optional<KioskView>> bind(SqlClient tx, long id, long buildingId, String buildingName, long roomId, String roomName) {
        return first(tx.preparedQuery("""
                update kiosks k set building_id = $2, building_name = $3, room_id = $4, room_name = $5,
                       registration_pin = null, registered_at = coalesce(registered_at, now())
                where k.id = $1 returning\s""" + VIEW_COLUMNS + ", " + KioskNotify.sql("k.id"))
                .execute(Tuple.of(id, buildingId, buildingName, roomId, roomName)));
    }

    /** Back to unregistered with a new registration PIN; the kiosk afterwards. */
    public Uni<Optional<KioskView>> unbind(SqlClient tx, long id, String registrationPin) {
        return first(tx.preparedQuery("""
                update kiosks k set building_id = null, building_name = null, room_id = null, room_name = null,
                       registered_at = null, registration_pin = $2
                where k.id = $1 returning\s""" + VIEW_COLUMNS + ", " + KioskNotify.sql("k.id"))
                .execute(Tuple.of(id, registrationPin)));
    }

    /** True when the kiosk existed. */
    public Uni<Boolean> delete(SqlClient tx, long id) {
        return tx.preparedQuery("delete from kiosks where id = $1 returning id, " + KioskNotify.sql("id")).execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The row the kiosk state is drawn from, or empty when no kiosk holds this secret. */
    public Uni<Optional<Row>> stateBySecretHash(byte[] secretHash) {
        return db.preparedQuery(STATE).execute(Tuple.of(Buffer.buffer(secretHash)))
                .map(Rows::first);
    }

    /** Last-seen times in one statement; a time never moves backwards. */
    public Uni<Void> seen(Long[] ids, OffsetDateTime[] times) {
        return db.preparedQuery("""
                update kiosks k set last_seen_at = v.at
                from unnest($1::bigint[], $2::timestamptz[]) as v(id, at)
                where k.id = v.id and (k.last_seen_at is null or k.last_seen_at < v.at)
                """).execute(Tuple.of(ids, times)).replaceWithVoid();
    }

    /** Deletes kiosks initialised but never registered and not heard from for {@code seconds} (announced); how many. */
    public Uni<Integer> deleteUnregisteredIdleFor(long seconds) {
        return db.preparedQuery("delete from kiosks where registered_at is null "
                + "and coalesce(last_seen_at, created_at) < now() - make_interval(secs => $1) returning " + KioskNotify.sql("id"))
                .execute(Tuple.of((double) seconds)).map(RowSet::rowCount);
    }

    /** Kiosks last seen after this instant are online. */
    private OffsetDateTime onlineCutoff() {
        return OffsetDateTime.now(ZoneOffset.UTC).minus(onlineWindow);
    }

    private Uni<Optional<KioskView>> first(Uni<RowSet<Row>> query) {
        return query.map(rows -> rows.iterator().hasNext() ? Optional.of(view(rows.iterator().next(), onlineCutoff())) : Optional.empty());
    }

    private List<KioskView> views(RowSet<Row> rows) {
        OffsetDateTime cutoff = onlineCutoff();
        List<KioskView> views = new ArrayList<>(rows.size());
        rows.forEach(row -> views.add(view(row, cutoff)));
        return views;
    }

    private static KioskView view(Row row, OffsetDateTime onlineCutoff) {
        OffsetDateTime registeredAt = row.getOffsetDateTime("registered_at");
        SessionSummary session = summary((JsonObject) row.getValue("active_session"));
        KioskStatus status = registeredAt == null ? KioskStatus.unregistered : session != null ? KioskStatus.active : KioskStatus.idle;
        Long roomId = row.getLong("room_id");
        Place place = roomId == null ? null
                : new Place(row.getLong("building_id"), row.getString("building_name"), roomId, row.getString("room_name"));
        OffsetDateTime lastSeen = row.getOffsetDateTime("last_seen_at");
        return new KioskView(row.getLong("id"), row.getUUID("device_id"), status, row.getString("registration_pin"),
                row.getString("display_pin"), place, row.getOffsetDateTime("created_at"), registeredAt, lastSeen,
                lastSeen != null && lastSeen.isAfter(onlineCutoff), session);
    }

    private static SessionSummary summary(JsonObject json) {
        if (json == null) {
            return null;
        }
        return new SessionSummary(json.getLong("id"), json.getString("discipline"), json.getString("teacher_name"),
                json.getString("lesson_start"), json.getString("lesson_end"), OffsetDateTime.parse(json.getString("started_at")),
                OffsetDateTime.parse(json.getString("expires_at")), Boolean.TRUE.equals(json.getBoolean("adhoc")));
    }
}
