package edu.campus.schedule.timetable;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.common.error.ApiException;
import edu.campus.common.schedule.ScheduleModel.Building;
import edu.campus.common.schedule.ScheduleModel.BuildingList;
import edu.campus.common.schedule.ScheduleModel.Day;
import edu.campus.common.schedule.ScheduleModel.Faculty;
import edu.campus.common.schedule.ScheduleModel.Group;
import edu.campus.common.schedule.ScheduleModel.GroupResolution;
import edu.campus.common.schedule.ScheduleModel.RoomDay;
import edu.campus.common.schedule.ScheduleModel.RoomList;
import edu.campus.common.schedule.ScheduleModel.Week;
import edu.campus.schedule.ScheduleConfig;
import edu.campus.schedule.cache.CacheKind;
import edu.campus.schedule.cache.CacheResult;
import edu.campus.schedule.cache.ScheduleCache;
import edu.campus.schedule.ruz.RuzApi;
import edu.campus.schedule.ruz.RuzCall;
import edu.campus.schedule.ruz.RuzGateway;
import edu.campus.schedule.ruz.RuzNormalizer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's rules: which RUZ call answers which question, under which cache key. Weeks are keyed by their
 * Monday, so every date of a week shares one entry and one RUZ call.
 */
@ApplicationScoped
public class ScheduleService {

    private static final TypeReference<List<Faculty>> FACULTIES = new TypeReference<>() {
    };
    private static final TypeReference<List<Group>> GROUPS = new TypeReference<>() {
    };

    private final ScheduleCache cache;
    private final RuzGateway ruz;
    /** Which building a room is in, from every rooms list this instance has read: a room's day needs no fan-out. */
    private final Map<Long, Building> buildingOfRoom = new ConcurrentHashMap<>();
    /**
     * Weeks as objects, by the very byte array the cache holds (identity, weakly): a room's day is cut from its week
     * without parsing the week again on every request. A week normalized here on a miss is put in as it is.
     */
    private final Map<byte[], Week> decodedWeeks = Collections.synchronizedMap(new WeakHashMap<>());
    private final ObjectMapper json;
    private final ScheduleConfig config;

    ScheduleService(ScheduleCache cache, RuzGateway ruz, ObjectMapper json, ScheduleConfig config) {
        this.cache = cache;
        this.ruz = ruz;
        this.json = json;
        this.config = config;
    }

    public LocalDate today() {
        return LocalDate.now(config.timezone());
    }

    /** The date, when it is within {@code schedule.date-window-days} of today; a 422 otherwise. */
    public LocalDate withinWindow(LocalDate date) {
        LocalDate today = today();
        LocalDate earliest = today.minusDays(config.dateWindowDays());
        LocalDate latest = today.plusDays(config.dateWindowDays());
        if (date.isBefore(earliest) || date.isAfter(latest)) {
            throw new ApiException(422, "date_out_of_range", "the timetable is served for dates from " + earliest + " to " + latest,
                    Map.of("date", date.toString(), "earliest", earliest.toString(), "latest", latest.toString()));
        }
        return date;
    }

    public Uni<CacheResult> resolveGroup(String facultyAbbr, String groupName) {
        return cached(CacheKind.REFERENCE, "faculties", new RuzCall("faculties", RuzApi::faculties), RuzNormalizer::faculties)
                .flatMap(faculties -> {
                    Faculty faculty = matchFaculty(read(faculties.body(), FACULTIES), facultyAbbr.trim())
                            .orElseThrow(() -> ApiException.notFound("faculty", facultyAbbr));
                    return groupsOf(faculty.id()).map(groups -> {
                        Group group = read(groups.body(), GROUPS).stream()
                                .filter(g -> groupName.trim().equals(g.name()))
                                .findFirst()
                                .orElseThrow(() -> ApiException.notFound("group", groupName));
                        return groups.worst(faculties).withBody(write(new GroupResolution(faculty.id(), group.id())));
                    });
                });
    }

    /** Exact abbreviation first, then ignoring case (RUZ abbreviations are Cyrillic: toLowerCase handles them). */
    static Optional<Faculty> matchFaculty(List<Faculty> faculties, String abbr) {
        return faculties.stream().filter(f -> abbr.equals(f.abbr())).findFirst()
                .or(() -> faculties.stream().filter(f -> f.abbr() != null && f.abbr().equalsIgnoreCase(abbr)).findFirst());
    }

    private Uni<CacheResult> groupsOf(long facultyId) {
        return cached(CacheKind.REFERENCE, "faculty:" + facultyId + ":groups",
                new RuzCall("faculty_groups", api -> api.groups(facultyId)), body -> RuzNormalizer.groups(body, facultyId));
    }

    public Uni<CacheResult> groupWeek(long groupId, LocalDate date) {
        LocalDate monday = monday(date);
        return cached(CacheKind.TIMETABLE, "group:" + groupId + ":week:" + monday,
                new RuzCall("group_week", api -> api.groupWeek(groupId, monday.toString())),
                body -> RuzNormalizer.groupWeek(body, groupId));
    }

    public Uni<CacheResult> teachers() {
        return cached(CacheKind.REFERENCE, "teachers", new RuzCall("teachers", RuzApi::teachers), RuzNormalizer::teachers);
    }

    public Uni<CacheResult> teacherWeek(long teacherId, LocalDate date) {
        LocalDate monday = monday(date);
        return cached(CacheKind.TIMETABLE, "teacher:" + teacherId + ":week:" + monday,
                new RuzCall("teacher_week", api -> api.teacherWeek(teacherId, monday.toString())),
                body -> RuzNormalizer.teacherWeek(body, teacherId));
    }

    public Uni<CacheResult> buildings() {
        return cached(CacheKind.REFERENCE, "buildings", new RuzCall("buildings", RuzApi::buildings), RuzNormalizer::buildings);
    }

    public Uni<CacheResult> rooms(long buildingId) {
        return cached(CacheKind.REFERENCE, "building:" + buildingId + ":rooms",
                new RuzCall("building_rooms", api -> api.rooms(buildingId)), body -> remember(RuzNormalizer.rooms(body, buildingId)));
    }

    /**
     * A room's day is its week filtered to the date. RUZ wants the building in the path: callers that know it
     * (traffic kiosks do) pass it; otherwise it is found in the cached buildings and their rooms.
     */
    public Uni<CacheResult> roomDay(long roomId, Long buildingId, LocalDate date) {
        Building known = buildingOfRoom.get(roomId);
        Uni<Building> building = known != null && (buildingId == null || known.id() == buildingId) ? Uni.createFrom().item(known)
                : buildingId != null ? rooms(buildingId).map(r -> remember(read(r.body(), RoomList.class)).building())
                : findBuildingOf(roomId);
        LocalDate monday = monday(date);
        return building.flatMap(b -> cached(CacheKind.TIMETABLE, "room:" + b.id() + ":" + roomId + ":week:" + monday,
                new RuzCall("room_week", api -> api.roomWeek(b.id(), roomId, monday.toString())),
                body -> RuzNormalizer.roomWeek(body, roomId, b), decodedWeeks))
                .map(week -> {
                    Week w = decodedWeeks.computeIfAbsent(week.body(), bytes -> read(bytes, Week.class));
                    List<Day> days = w.days().stream().filter(d -> d.date().equals(date)).toList();
                    RoomDay day = new RoomDay(date, date.getDayOfWeek().getValue(), w.week(), w.room(),
                            days.isEmpty() ? List.of() : days.get(0).lessons());
                    return week.withBody(write(day));
                });
    }

    private RoomList remember(RoomList rooms) {
        if (rooms != null && rooms.building() != null && rooms.rooms() != null) {
            rooms.rooms().forEach(room -> buildingOfRoom.put(room.id(), rooms.building()));
        }
        return rooms;
    }

    /** The room's building: known from a rooms list read before, else looked for in every building's rooms (once). */
    private Uni<Building> findBuildingOf(long roomId) {
        Building known = buildingOfRoom.get(roomId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return buildings().map(b -> read(b.body(), BuildingList.class).buildings())
                .flatMap(all -> Multi.createFrom().iterable(all)
                        .onItem().transformToUni(b -> rooms(b.id()).map(r -> remember(read(r.body(), RoomList.class)))
                                .onFailure(ApiException.class).recoverWithNull())
                        .merge(4)
                        .filter(list -> list != null && list.rooms().stream().anyMatch(r -> r.id() == roomId))
                        .map(RoomList::building)
                        .toUni())
                .onItem().ifNull().failWith(() -> ApiException.notFound("room", roomId));
    }

    private <T> Uni<CacheResult> cached(CacheKind kind, String key, RuzCall call, Function<JsonNode, T> normalize) {
        return cache.get(kind, key, () -> ruz.fetch(call).map(body -> write(normalize.apply(body))));
    }

    /** The same, keeping the normalized value by its bytes in {@code decoded} (one representation per step). */
    private <T> Uni<CacheResult> cached(CacheKind kind, String key, RuzCall call, Function<JsonNode, T> normalize,
            Map<byte[], T> decoded) {
        return cache.get(kind, key, () -> ruz.fetch(call).map(body -> {
            T value = normalize.apply(body);
            byte[] bytes = write(value);
            decoded.put(bytes, value);
            return bytes;
        }));
    }

    static LocalDate monday(LocalDate date) {
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("cached " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private <T> T read(byte[] body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("cached value is unreadable", e);
        }
    }
}
