package edu.campus.main.timetable;

import java.time.LocalDate;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.common.schedule.ScheduleModel.Week;
import edu.campus.common.schedule.client.ScheduleClient;
import edu.campus.main.student.StudentStore;
import edu.campus.main.student.Students;
import io.smallrye.mutiny.Uni;

/** The student's week from the schedule gateway (never RUZ directly); the group's RUZ id is resolved once and kept. */
@ApplicationScoped
public class Timetable {

    private final Students students;
    private final StudentStore store;
    private final ScheduleClient schedule;

    Timetable(Students students, StudentStore store, ScheduleClient schedule) {
        this.students = students;
        this.store = store;
        this.schedule = schedule;
    }

    public Uni<Week> week(long studentId, LocalDate date) {
        return students.existing(studentId).flatMap(student -> {
            if (student.groupName() == null) {
                return Uni.createFrom().failure(new ApiException(409, "group_required",
                        "choose your study group first (PUT /api/main/me/group)", Map.of()));
            }
            Uni<Long> groupId = student.ruzGroupId() != null ? Uni.createFrom().item(student.ruzGroupId())
                    : student.faculty() == null
                            ? Uni.createFrom().failure(new ApiException(409, "group_required",
                                    "your group's faculty is not known: choose your study group (PUT /api/main/me/group)", Map.of()))
                            : schedule.resolveGroup(student.faculty(), student.groupName())
                                    .onFailure(f -> f instanceof ApiException api && api.status() == 404)
                                    .transform(f -> new ApiException(409, "group_required",
                                            "the timetable does not know your group: choose it again (PUT /api/main/me/group)", Map.of()))
                                    .call(resolved -> store.rememberRuzGroup(studentId, student.groupName(), resolved.groupId()))
                                    .map(resolved -> resolved.groupId());
            return groupId.flatMap(id -> schedule.groupWeek(id, date));
        });
    }
}
