package edu.campus.traffic.attendance;

import java.util.Locale;

import edu.campus.common.schedule.ScheduleModel.Lesson;
import edu.campus.common.schedule.ScheduleModel.Teacher;

/** Whether a lesson is the teacher's: by RUZ teacher id, else by normalised full name. */
public final class LessonMatcher {

    private LessonMatcher() {
    }

    /** Lower case, {@code ё}→{@code е}, runs of spaces (and dots' spacing) collapsed, trimmed. */
    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        return name.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    /**
     * "ruz_teacher_id" or "full_name" when the lesson is the teacher's, null otherwise. A teacher with a RUZ id is matched
     * by that id only (two people may share a name); one without, by name.
     */
    public static String matchedBy(Lesson lesson, Long ruzTeacherId, String fullName) {
        if (lesson.teachers() == null) {
            return null;
        }
        if (ruzTeacherId != null) {
            for (Teacher t : lesson.teachers()) {
                if (t.id() == ruzTeacherId) {
                    return "ruz_teacher_id";
                }
            }
            return null;
        }
        String mine = normalise(fullName);
        if (mine.isEmpty()) {
            return null;
        }
        for (Teacher t : lesson.teachers()) {
            if (mine.equals(normalise(t.fullName()))) {
                return "full_name";
            }
        }
        return null;
    }
}
