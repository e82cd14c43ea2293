package edu.campus.common.schedule;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The normalized timetable shapes of {@code /api/schedule}: whatever RUZ sent, the gateway answers these,
 * and consumers read these. JSON is snake_case (platform-wide Jackson naming).
 */
public final class ScheduleModel {

    private ScheduleModel() {
    }

    @RegisterForReflection
    public record Faculty(long id, String name, String abbr) {
    }

    @RegisterForReflection
    public record Group(long id, String name, Long facultyId, Integer level, String type, String kind, String spec,
            Integer year) {
    }

    @RegisterForReflection
    public record GroupResolution(long facultyId, long groupId) {
    }

    @RegisterForReflection
    public record Teacher(long id, Long oid, String fullName) {
    }

    @RegisterForReflection
    public record TeacherList(List<Teacher> teachers) {
    }

    @RegisterForReflection
    public record Building(long id, String name, String abbr, String address) {
    }

    @RegisterForReflection
    public record BuildingList(List<Building> buildings) {
    }

    @RegisterForReflection
    public record RoomRef(long id, String name) {
    }

    @RegisterForReflection
    public record RoomList(Building building, List<RoomRef> rooms) {
    }

    @RegisterForReflection
    public record Room(long id, String name, Building building) {
    }

    @RegisterForReflection
    public record WeekInfo(LocalDate dateStart, LocalDate dateEnd, boolean isOdd) {
    }

    @RegisterForReflection
    public record LessonLinks(String lmsUrl, String webinarUrl, String url) {
    }

    /** {@code type} is RUZ's lesson kind by name ("Лекции"), {@code parity} 0 every week, 1 odd, 2 even. */
    @RegisterForReflection
    public record Lesson(String subject, String subjectShort, String type, String typeAbbr, String startTime,
            String endTime, int parity, String additionalInfo, List<Teacher> teachers, List<Room> rooms,
            List<Group> groups, LessonLinks links) {
    }

    @RegisterForReflection
    public record Day(int weekday, LocalDate date, List<Lesson> lessons) {
    }

    /** A week of one group, teacher or room: exactly one of the three owners is present. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Week(WeekInfo week, Group group, Teacher teacher, Room room, List<Day> days) {
    }

    /** One room on one date (the room's week filtered to that date). */
    @RegisterForReflection
    public record RoomDay(LocalDate date, int weekday, WeekInfo week, Room room, List<Lesson> lessons) {
    }
}
