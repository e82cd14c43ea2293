package edu.campus.main.student;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.common.json.UnicodeBlank;
import edu.campus.common.schedule.client.ScheduleClient;
import edu.campus.main.student.StudentDtos.GroupChoice;
import edu.campus.main.student.StudentDtos.Profile;
import edu.campus.main.telegram.TelegramLinkStore;
import io.smallrye.mutiny.Uni;

/** The signed-in student's profile and study group (the group resolved in RUZ through schedule, once). */
@ApplicationScoped
public class Students {

    private final StudentStore store;
    private final TelegramLinkStore telegram;
    private final ScheduleClient schedule;

    Students(StudentStore store, TelegramLinkStore telegram, ScheduleClient schedule) {
        this.store = store;
        this.telegram = telegram;
        this.schedule = schedule;
    }

    /** The student behind a valid token; 401 when the account is gone (a deleted student's tokens stop at once). */
    public Uni<Student> existing(long id) {
        return store.byId(id).map(student -> {
            if (student == null) {
                throw ApiException.unauthorized("the student behind this token is gone");
            }
            return student;
        });
    }

    public Uni<Profile> profile(long id) {
        return existing(id).flatMap(student -> telegram.ofStudent(id).map(link -> Profile.of(student, link)));
    }

    /** Sets the study group when CAS gave none (or it changed): 422 group_not_found when schedule does not know it. */
    public Uni<Profile> chooseGroup(long id, GroupChoice choice) {
        String group = UnicodeBlank.strip(choice.groupName());
        String faculty = UnicodeBlank.strip(choice.facultyAbbr());
        if (group.isEmpty() || faculty.isEmpty()) {
            throw ApiException.validation(group.isEmpty() ? "group_name" : "faculty_abbr", "must not be blank");
        }
        return existing(id)
                .flatMap(student -> schedule.resolveGroup(faculty, group)
                        .onFailure(failure -> failure instanceof ApiException api && api.status() == 404)
                        .transform(failure -> new ApiException(422, "group_not_found", "the timetable has no such group in that faculty",
                                Map.of("group_name", group, "faculty_abbr", faculty))))
                .flatMap(resolved -> store.setGroup(id, group, faculty, resolved.groupId()))
                .flatMap(updated -> profile(id));
    }
}
