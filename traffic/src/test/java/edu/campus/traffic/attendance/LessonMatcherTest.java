package edu.campus.traffic.attendance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import edu.campus.common.schedule.ScheduleModel.Lesson;
import edu.campus.common.schedule.ScheduleModel.Teacher;

class LessonMatcherTest {

    private static Lesson taughtBy(Teacher... teachers) {
        return new Lesson("Физика", "Физ", "Лекции", "лек", "10:00", "11:35", 0, null,
                teachers.length == 0 ? null : List.of(teachers), null, null, null);
    }

    @Test
    void normalisesCaseSpacesAndYo() {
        assertEquals("ежиков артем", LessonMatcher.normalise("  Ёжиков \u00a0  Артём "));
        assertEquals("", LessonMatcher.normalise(null));
    }

    @Test
    void aTeacherWithARuzIdIsMatchedByItOnlyOneWithoutByName() {
        Teacher ivanov = new Teacher(7, 70L, "Иванов Иван Иванович");
        assertEquals("ruz_teacher_id", LessonMatcher.matchedBy(taughtBy(ivanov), 7L, "Someone Else"));
        // a namesake with another RUZ id does not get this lesson
        assertNull(LessonMatcher.matchedBy(taughtBy(ivanov), 8L, "иванов  иван иванович"));
        assertEquals("full_name", LessonMatcher.matchedBy(taughtBy(ivanov), null, "ИВАНОВ ИВАН ИВАНОВИЧ"));
        assertNull(LessonMatcher.matchedBy(taughtBy(ivanov), null, "Петров Пётр"));
        assertNull(LessonMatcher.matchedBy(taughtBy(), 7L, "Иванов Иван Иванович"));
        assertNull(LessonMatcher.matchedBy(taughtBy(new Teacher(9, 90L, null)), null, ""));
    }

    @Test
    void yoAndYeAreTheSameLetter() {
        Teacher fyodorov = new Teacher(1, 10L, "Фёдоров Семён");
        assertEquals("full_name", LessonMatcher.matchedBy(taughtBy(fyodorov), null, "Федоров Семен"));
    }
}
