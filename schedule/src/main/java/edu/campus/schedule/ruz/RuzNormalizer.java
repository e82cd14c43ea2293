package edu.campus.schedule.ruz;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import edu.campus.common.schedule.ScheduleModel.Building;
import edu.campus.common.schedule.ScheduleModel.BuildingList;
import edu.campus.common.schedule.ScheduleModel.Day;
import edu.campus.common.schedule.ScheduleModel.Faculty;
import edu.campus.common.schedule.ScheduleModel.Group;
import edu.campus.common.schedule.ScheduleModel.Lesson;
import edu.campus.common.schedule.ScheduleModel.LessonLinks;
import edu.campus.common.schedule.ScheduleModel.Room;
import edu.campus.common.schedule.ScheduleModel.RoomList;
import edu.campus.common.schedule.ScheduleModel.RoomRef;
import edu.campus.common.schedule.ScheduleModel.Teacher;
import edu.campus.common.schedule.ScheduleModel.TeacherList;
import edu.campus.common.schedule.ScheduleModel.Week;
import edu.campus.common.schedule.ScheduleModel.WeekInfo;

/**
 * RUZ JSON → the platform's normalized shapes. Known RUZ quirks handled here, in one place: week dates as
 * {@code YYYY.MM.DD}, null {@code teachers}/{@code auditories}, teacher name parts shifted (so {@code full_name}
 * is used), double slashes in {@code lms_url}, unknown fields (ignored), times without a leading zero.
 * A body without the fields we rely on is a bad upstream response, never a 500.
 */
public final class RuzNormalizer {

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::\\d{2})?");
    private static final Pattern EXTRA_SLASHES = Pattern.compile("(?<!:)/{2,}");

    private RuzNormalizer() {
    }

    public static List<Faculty> faculties(JsonNode body) {
        List<Faculty> out = new ArrayList<>();
        for (JsonNode f : array(body, "faculties")) {
            out.add(new Faculty(id(f, "faculty"), text(f, "name"), text(f, "abbr")));
        }
        return out;
    }

    public static List<Group> groups(JsonNode body, long facultyId) {
        List<Group> out = new ArrayList<>();
        for (JsonNode g : array(body, "groups")) {
            out.add(group(g, facultyId));
        }
        return out;
    }

    public static TeacherList teachers(JsonNode body) {
        List<Teacher> out = new ArrayList<>();
        for (JsonNode t : array(body, "teachers")) {
            out.add(teacher(t));
        }
        return new TeacherList(out);
    }

    public static BuildingList buildings(JsonNode body) {
        List<Building> out = new ArrayList<>();
        for (JsonNode b : array(body, "buildings")) {
            out.add(building(b));
        }
        return new BuildingList(out);
    }

    public static RoomList rooms(JsonNode body, long buildingId) {
        JsonNode b = body.get("building");
        Building building = b != null && b.isObject() ? building(b) : new Building(buildingId, null, null, null);
        List<RoomRef> out = new ArrayList<>();
        for (JsonNode r : array(body, "rooms")) {
            out.add(new RoomRef(id(r, "room"), text(r, "name")));
        }
        return new RoomList(building, out);
    }

    public static Week groupWeek(JsonNode body, long groupId) {
        JsonNode g = body.get("group");
        Group group = g != null && g.isObject() ? group(g, null) : new Group(groupId, null, null, null, null, null, null, null);
        return new Week(weekInfo(body), group, null, null, days(body));
    }

    public static Week teacherWeek(JsonNode body, long teacherId) {
        JsonNode t = body.get("teacher");
        Teacher teacher = t != null && t.isObject() ? teacher(t) : new Teacher(teacherId, null, null);
        return new Week(weekInfo(body), null, teacher, null, days(body));
    }

    public static Week roomWeek(JsonNode body, long roomId, Building knownBuilding) {
        JsonNode r = body.get("room");
        Room room = r != null && r.isObject() ? room(r, knownBuilding) : new Room(roomId, null, knownBuilding);
        return new Week(weekInfo(body), null, null, room, days(body));
    }

    static WeekInfo weekInfo(JsonNode body) {
        JsonNode w = body.get("week");
        if (w == null || !w.isObject()) {
            throw RuzErrors.badShape("week_missing");
        }
        return new WeekInfo(date(w, "date_start"), date(w, "date_end"), w.path("is_odd").asBoolean(false));
    }

    static List<Day> days(JsonNode body) {
        List<Day> out = new ArrayList<>();
        for (JsonNode d : array(body, "days")) {
            LocalDate date = date(d, "date");
            List<Lesson> lessons = new ArrayList<>();
            for (JsonNode l : optionalArray(d, "lessons")) {
                lessons.add(lesson(l));
            }
            lessons.sort(Comparator.comparing(Lesson::startTime, Comparator.nullsLast(Comparator.naturalOrder())));
            int weekday = d.hasNonNull("weekday") ? d.get("weekday").asInt() : date.getDayOfWeek().getValue();
            out.add(new Day(weekday, date, List.copyOf(lessons)));
        }
        out.sort(Comparator.comparing(Day::date));
        return List.copyOf(out);
    }

    static Lesson lesson(JsonNode l) {
        JsonNode type = l.path("typeObj");
        List<Teacher> teachers = new ArrayList<>();
        for (JsonNode t : optionalArray(l, "teachers")) {
            teachers.add(teacher(t));
        }
        List<Room> rooms = new ArrayList<>();
        for (JsonNode a : optionalArray(l, "auditories")) {
            rooms.add(room(a, null));
        }
        List<Group> groups = new ArrayList<>();
        for (JsonNode g : optionalArray(l, "groups")) {
            groups.add(group(g, null));
        }
        LessonLinks links = new LessonLinks(url(text(l, "lms_url")), url(text(l, "webinar_url")), url(text(l, "url")));
        return new Lesson(text(l, "subject"), text(l, "subject_short"), text(type, "name"), text(type, "abbr"),
                time(l, "time_start"), time(l, "time_end"), l.path("parity").asInt(0), text(l, "additional_info"),
                List.copyOf(teachers), List.copyOf(rooms), List.copyOf(groups), links);
    }

    static Teacher teacher(JsonNode t) {
        String fullName = text(t, "full_name");
        if (fullName == null) {
            // RUZ shifts the parts (surname sits in first_name); in that order they read as the full name
            fullName = join(text(t, "first_name"), text(t, "middle_name"), text(t, "last_name"));
        }
        return new Teacher(id(t, "teacher"), t.hasNonNull("oid") ? t.get("oid").asLong() : null, fullName);
    }

    static Group group(JsonNode g, Long facultyId) {
        JsonNode faculty = g.path("faculty");
        Long ownFaculty = faculty.hasNonNull("id") ? Long.valueOf(faculty.get("id").asLong()) : facultyId;
        return new Group(id(g, "group"), text(g, "name"), ownFaculty,
                g.hasNonNull("level") ? g.get("level").asInt() : null, text(g, "type"), text(g, "kind"), text(g, "spec"),
                g.hasNonNull("year") ? g.get("year").asInt() : null);
    }

    static Building building(JsonNode b) {
        return new Building(id(b, "building"), text(b, "name"), text(b, "abbr"), text(b, "address"));
    }

    static Room room(JsonNode a, Building knownBuilding) {
        JsonNode b = a.get("building");
        Building building = b != null && b.isObject() ? building(b) : knownBuilding;
        return new Room(id(a, "room"), text(a, "name"), building);
    }

    // --- field readers: each one tolerant of RUZ's habits, strict where we cannot go on ---

    private static Iterable<JsonNode> array(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isArray()) {
            throw RuzErrors.badShape(field + "_missing");
        }
        return node;
    }

    private static Iterable<JsonNode> optionalArray(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isArray() ? value : List.of();
    }

    private static long id(JsonNode node, String what) {
        JsonNode id = node.get("id");
        if (id == null || !id.canConvertToLong() && !id.isTextual()) {
            throw RuzErrors.badShape(what + "_id_missing");
        }
        try {
            return id.isTextual() ? Long.parseLong(id.asText().trim()) : id.asLong();
        } catch (NumberFormatException e) {
            throw RuzErrors.badShape(what + "_id_invalid");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** RUZ writes week dates as 2024.09.02 and day dates as 2024-09-02. */
    static LocalDate date(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            throw RuzErrors.badShape(field + "_missing");
        }
        try {
            return LocalDate.parse(text.replace('.', '-'));
        } catch (DateTimeParseException e) {
            throw RuzErrors.badShape(field + "_invalid");
        }
    }

    private static String time(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return null;
        }
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw RuzErrors.badShape(field + "_invalid");
        }
        return (m.group(1).length() == 1 ? "0" : "") + m.group(1) + ":" + m.group(2);
    }

    /** {@code https://lms.spbstu.ru//course/view.php} → {@code https://lms.spbstu.ru/course/view.php}. */
    static String url(String url) {
        return url == null ? null : EXTRA_SLASHES.matcher(url).replaceAll("/");
    }

    private static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null) {
                out.append(out.isEmpty() ? "" : " ").append(part);
            }
        }
        return out.isEmpty() ? null : out.toString();
    }
}
