package edu.campus.schedule.ruz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import edu.campus.common.schedule.ScheduleModel.Building;
import edu.campus.common.schedule.ScheduleModel.Lesson;
import edu.campus.common.schedule.ScheduleModel.Week;
import edu.campus.common.upstream.UpstreamException;

/** Each RUZ quirk the normalizer promises to handle, without Quarkus. */
class RuzNormalizerTest {

    private static JsonNode json(String text) {
        try {
            return RuzJson.tree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static final String WEEK = "'week':{'date_start':'2026.11.16','date_end':'2026.11.22','is_odd':true}";

    @Test
    void weekDatesInDottedFormAndDaysInDateOrder() {
        Week week = RuzNormalizer.groupWeek(json("{" + WEEK + ",'days':[{'weekday':3,'date':'2026-11-18','lessons':[]},"
                + "{'weekday':1,'date':'2026.11.16','lessons':[]}],'unknown_field':1}"), 5);
        assertEquals(LocalDate.of(2026, 11, 16), week.week().dateStart());
        assertTrue(week.week().isOdd());
        assertEquals(LocalDate.of(2026, 11, 16), week.days().get(0).date());
        assertEquals(5, week.group().id()); // no group object in the body: the id asked for
    }

    @Test
    void nullTeachersAndAuditoriesAreEmptyTimesGetALeadingZeroLessonsSortByTime() {
        Week week = RuzNormalizer.groupWeek(json("{" + WEEK + ",'days':[{'weekday':1,'date':'2026-11-16','lessons':["
                + "{'subject':'B','time_start':'12:00','time_end':'13:35','teachers':null,'auditories':null},"
                + "{'subject':'A','time_start':'8:00','time_end':'9:35'}]}]}"), 5);
        Lesson first = week.days().get(0).lessons().get(0);
        assertEquals("A", first.subject());
        assertEquals("08:00", first.startTime());
        assertTrue(week.days().get(0).lessons().get(1).teachers().isEmpty());
        assertTrue(week.days().get(0).lessons().get(1).rooms().isEmpty());
    }

    @Test
    void teacherNamePartsShiftedAreReadAsTheFullNameAndDoubleSlashesInLinksCollapse() {
        Lesson lesson = RuzNormalizer.lesson(json("{'subject':'X','time_start':'10:00','time_end':'11:35',"
                + "'teachers':[{'id':7,'first_name':'Иванов','middle_name':'Иван','last_name':'Иванович'},"
                + "{'id':'8','full_name':'Петров Пётр Петрович','oid':80}],"
                + "'lms_url':'https://lms.example//course//1'}"));
        assertEquals("Иванов Иван Иванович", lesson.teachers().get(0).fullName());
        assertEquals(8, lesson.teachers().get(1).id());
        assertEquals(80L, lesson.teachers().get(1).oid());
        assertEquals("https://lms.example/course/1", lesson.links().lmsUrl());
        assertNull(lesson.links().webinarUrl());
    }

    @Test
    void aRoomWeekKeepsTheKnownBuildingWhenRuzOmitsIt() {
        Building main = new Building(11, "Главный", "ГЗ", null);
        Week week = RuzNormalizer.roomWeek(json("{" + WEEK + ",'room':{'id':1201,'name':'101'},'days':[]}"), 1201, main);
        assertEquals(main, week.room().building());
    }

    @Test
    void missingFieldsWeRelyOnAreABadUpstreamResponse() {
        UpstreamException.BadResponse noWeek = assertThrows(UpstreamException.BadResponse.class,
                () -> RuzNormalizer.groupWeek(json("{'days':[]}"), 5));
        assertEquals("week_missing", noWeek.details().get("reason"));
        assertThrows(UpstreamException.BadResponse.class, () -> RuzNormalizer.teachers(json("{'teachers':[{'full_name':'x'}]}")));
        assertThrows(UpstreamException.BadResponse.class, () -> RuzNormalizer.teachers(json("{'teachers':[{'id':'x1'}]}")));
        assertThrows(UpstreamException.BadResponse.class, () -> RuzNormalizer.buildings(json("{}")));
    }
}
