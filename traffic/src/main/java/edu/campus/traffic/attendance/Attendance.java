package edu.campus.traffic.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.common.launch.LaunchPrincipal;
import edu.campus.common.schedule.ScheduleClient;
import edu.campus.common.schedule.ScheduleModel.Group;
import edu.campus.common.schedule.ScheduleModel.Lesson;
import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.attendance.AttendanceDtos.Attendee;
import edu.campus.traffic.attendance.AttendanceDtos.Attendees;
import edu.campus.traffic.attendance.AttendanceDtos.KioskLessons;
import edu.campus.traffic.attendance.AttendanceDtos.LessonOption;
import edu.campus.traffic.attendance.AttendanceDtos.ManualMark;
import edu.campus.traffic.attendance.AttendanceDtos.MarkResult;
import edu.campus.traffic.attendance.AttendanceDtos.SessionView;
import edu.campus.traffic.kiosk.KioskDtos.KioskView;
import edu.campus.traffic.kiosk.KioskEvents;
import edu.campus.traffic.kiosk.KioskSecrets;
import edu.campus.traffic.kiosk.Kiosks;
import edu.campus.traffic.teacher.Teachers;
import edu.campus.traffic.teacher.Teachers.Teacher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The rules of attendance: which lessons a teacher may open, sessions, QR marks, manual marks, exports. */
@ApplicationScoped
public class Attendance {

    static final String SESSION_COLUMNS = """
            s.id, s.status, s.discipline, s.teacher_name, s.teacher_id, s.kiosk_id, s.building_name, s.room_name, s.lesson_date,
            s.lesson_start, s.lesson_end, s.started_at, s.expires_at, s.ended_at, s.rotation_seconds,
            (select count(*) from marks m where m.session_id = s.id) as attendees
            """;

    private static final String MANUAL_MARK = """
            insert into marks (session_id, student_id, student_name, student_email, student_group, method, marked_by)
            values ($1, $2, $3, $4, $5, 'manual', $6)
            on conflict (session_id, student_id) do nothing
            returning marked_at
            """;

    /** What a mark needs of its session; immutable once the session exists, so cached without expiry worries. */
    private record SessionKey(byte[] secret, int rotationSeconds, String discipline) {
    }

    private final Pool db;
    private final Kiosks kiosks;
    private final KioskSecrets secrets;
    private final KioskEvents events;
    private final Teachers teachers;
    private final ScheduleClient schedule;
    private final MarkBatcher batcher;
    private final TrafficConfig config;
    private final ObjectMapper json;
    private final Cache<Long, SessionKey> sessionKeys = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterAccess(java.time.Duration.ofHours(1)).build();
    private final Counter marked;
    private final Counter repeated;
    private final Counter refused;

    Attendance(Pool db, Kiosks kiosks, KioskSecrets secrets, KioskEvents events, Teachers teachers, ScheduleClient schedule,
            TrafficConfig config, ObjectMapper json, MeterRegistry metrics, MarkBatcher batcher) {
        this.db = db;
        this.kiosks = kiosks;
        this.secrets = secrets;
        this.events = events;
        this.teachers = teachers;
        this.schedule = schedule;
        this.config = config;
        this.json = json;
        this.batcher = batcher;
        this.marked = metrics.counter("traffic_marks_total", "result", "marked");
        this.repeated = metrics.counter("traffic_marks_total", "result", "already_marked");
        this.refused = metrics.counter("traffic_marks_total", "result", "refused");
    }

    // --- teacher: lessons and sessions --------------------------------------------------------------------------

    /** Today's lessons in the room of the kiosk showing {@code displayPin} that are this teacher's. */
    public Uni<KioskLessons> lessons(long teacherId, String displayPin) {
        return teacher(teacherId).flatMap(teacher -> kiosks.byDisplayPin(displayPin)
                .flatMap(kiosk -> todaysLessons(kiosk, teacher).map(options -> new KioskLessons(kiosk.id(), kiosk.place(),
                        today(), options.stream().map(Option::option).toList()))));
    }

    private record Option(LessonOption option, Lesson lesson) {
    }

    private Uni<List<Option>> todaysLessons(KioskView kiosk, Teacher teacher) {
        LocalDate today = today();
        return schedule.roomDay(kiosk.place().roomId(), kiosk.place().buildingId(), today).map(day -> {
            List<Option> options = new ArrayList<>();
            List<Lesson> lessons = day.lessons() == null ? List.of() : day.lessons();
            for (int i = 0; i < lessons.size(); i++) {
                Lesson lesson = lessons.get(i);
                String matchedBy = LessonMatcher.matchedBy(lesson, teacher.ruzTeacherId(), teacher.fullName());
                if (matchedBy != null) {
                    String key = lesson.startTime() + "-" + lesson.endTime() + "-" + i;
                    List<String> groups = lesson.groups() == null ? List.of() : lesson.groups().stream().map(Group::name).toList();
                    options.add(new Option(new LessonOption(key, lesson.subject(), lesson.type(), lesson.startTime(), lesson.endTime(),
                            groups, matchedBy), lesson));
                }
            }
            return options;
        });
    }

    /**
     * Opens a session for one of the teacher's lessons of today on the kiosk: in one transaction the kiosk row is
     * locked, its active session (anyone's) closed and the new one inserted with a fresh secret; kiosks everywhere hear.
     */
    public Uni<SessionView> start(long teacherId, String displayPin, String lessonKey) {
        return teacher(teacherId).flatMap(teacher -> kiosks.byDisplayPin(displayPin)
                .flatMap(kiosk -> todaysLessons(kiosk, teacher).flatMap(options -> {
                    Option chosen = options.stream().filter(o -> o.option().lessonKey().equals(lessonKey)).findFirst()
                            .orElseThrow(() -> new ApiException(422, "lesson_not_found",
                                    "no lesson of yours with this key today in this room", Map.of("lesson_key", lessonKey)));
                    return open(kiosk, teacher, chosen);
                })));
    }

    private Uni<SessionView> open(KioskView kiosk, Teacher teacher, Option chosen) {
        JsonObject lesson;
        try {
            lesson = new JsonObject(json.writeValueAsString(chosen.lesson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] secret = secrets.newSessionSecret();
        OffsetDateTime now = OffsetDateTime.now();
        return db.withTransaction(tx -> tx.preparedQuery("select id from kiosks where id = $1 and room_id is not null for update")
                .execute(Tuple.of(kiosk.id()))
                .flatMap(locked -> {
                    if (!locked.iterator().hasNext()) {
                        throw ApiException.notFound("kiosk", kiosk.id());
                    }
                    return tx.preparedQuery("update attendance_sessions set status = 'closed', ended_at = now() "
                            + "where kiosk_id = $1 and status = 'active'").execute(Tuple.of(kiosk.id()));
                })
                .flatMap(closed -> tx.preparedQuery("""
                        insert into attendance_sessions (kiosk_id, teacher_id, teacher_name, discipline, lesson, lesson_date,
                               lesson_start, lesson_end, room_name, building_name, secret, rotation_seconds, expires_at)
                        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now() + make_interval(secs => $13))
                        returning id, """ + KioskEvents.notifySql("kiosk_id"))
                        .execute(Tuple.from(new Object[] { kiosk.id(), teacher.id(), teacher.fullName(), chosen.lesson().subject(), lesson,
                                today(), chosen.lesson().startTime(), chosen.lesson().endTime(), kiosk.place().roomName(),
                                kiosk.place().buildingName(), Buffer.buffer(secret), config.session().rotationSeconds(),
                                (double) config.session().maxDuration().toSeconds() })))
                .map(rows -> rows.iterator().next().getLong("id")))
                .flatMap(id -> {
                    events.changed(kiosk.id());
                    sessionKeys.put(id, new SessionKey(secret, config.session().rotationSeconds(), chosen.lesson().subject()));
                    return session(id);
                });
    }

    public Uni<Page<SessionView>> sessions(long teacherId, String status, int page, int size) {
        String filter = status == null ? "" : " and s.status = $4";
        List<Object> params = new ArrayList<>(List.of(teacherId, size, (long) page * size));
        if (status != null) {
            params.add(status);
        }
        return db.preparedQuery("select " + SESSION_COLUMNS + " from attendance_sessions s where s.teacher_id = $1" + filter
                + " order by s.started_at desc, s.id desc limit $2 offset $3").execute(Tuple.from(params))
                .flatMap(rows -> db.preparedQuery("select count(*) from attendance_sessions s where s.teacher_id = $1"
                        + (status == null ? "" : " and s.status = $2"))
                        .execute(status == null ? Tuple.of(teacherId) : Tuple.of(teacherId, status))
                        .map(count -> {
                            List<SessionView> items = new ArrayList<>();
                            rows.forEach(row -> items.add(view(row)));
                            return new Page<>(items, page, size, count.iterator().next().getLong(0));
                        }));
    }

    /** The session if it is this teacher's: 404 when it does not exist, 403 when it is another teacher's. */
    public Uni<SessionView> ownSession(long teacherId, long sessionId) {
        return session(sessionId).map(session -> {
            if (session.teacherId() == null || session.teacherId() != teacherId) {
                throw ApiException.forbidden("this is another teacher's session");
            }
            return session;
        });
    }

    public Uni<SessionView> close(long teacherId, long sessionId) {
        return ownSession(teacherId, sessionId).flatMap(session -> !"active".equals(session.status()) ? Uni.createFrom().item(session)
                : db.preparedQuery("update attendance_sessions set status = 'closed', ended_at = now() where id = $1 and status = 'active' "
                        + "returning kiosk_id, " + KioskEvents.notifySql("kiosk_id")).execute(Tuple.of(sessionId))
                        .flatMap(rows -> {
                            for (Row row : rows) {
                                Long kiosk = row.getLong("kiosk_id");
                                if (kiosk != null) {
                                    events.changed(kiosk);
                                }
                            }
                            return session(sessionId);
                        }));
    }

    public Uni<Attendees> attendees(long teacherId, long sessionId) {
        return ownSession(teacherId, sessionId).flatMap(session -> db.preparedQuery("""
                select student_id, student_name, student_email, student_group, marked_at, method, marked_by
                from marks where session_id = $1 order by marked_at, student_id
                """).execute(Tuple.of(sessionId)).map(rows -> {
            List<Attendee> list = new ArrayList<>(rows.size());
            rows.forEach(row -> list.add(new Attendee(row.getLong("student_id"), row.getString("student_name"),
                    row.getString("student_email"), row.getString("student_group"), row.getOffsetDateTime("marked_at"),
                    row.getString("method"), row.getString("marked_by"))));
            return new Attendees(sessionId, session.status(), list.size(), list);
        }));
    }

    /** A teacher marks a student by hand (also after the session ended: corrections are the teacher's call). */
    public Uni<MarkResult> manualMark(long teacherId, long sessionId, long studentId, ManualMark mark) {
        return ownSession(teacherId, sessionId)
                .flatMap(session -> manualInsert(sessionId, studentId, mark, "teacher:" + teacherId, session.discipline()));
    }

    public Uni<Void> unmark(long teacherId, long sessionId, long studentId) {
        return ownSession(teacherId, sessionId).flatMap(session -> db.preparedQuery(
                "delete from marks where session_id = $1 and student_id = $2").execute(Tuple.of(sessionId, studentId)))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw ApiException.notFound("mark", studentId);
                    }
                    return null;
                });
    }

    public Uni<String> csv(long teacherId, long sessionId) {
        return attendees(teacherId, sessionId).map(list -> {
            StringBuilder out = new StringBuilder("\uFEFFstudent_id,student_name,student_email,student_group,marked_at,method\r\n");
            for (Attendee a : list.attendees()) {
                out.append(a.studentId()).append(',').append(Csv.field(a.studentName())).append(',').append(Csv.field(a.studentEmail()))
                        .append(',').append(Csv.field(a.studentGroup())).append(',')
                        .append(a.markedAt().atZoneSameInstant(config.zone()).toOffsetDateTime()).append(',').append(a.method())
                        .append("\r\n");
            }
            return out.toString();
        });
    }

    // --- student: the QR mark -------------------------------------------------------------------------------------

    /**
     * A student's mark with the token of the QR they scanned. One row per student and session, whatever the timing:
     * the insert is conditional on the session being active and does nothing on a repeat.
     */
    public Uni<MarkResult> mark(LaunchPrincipal student, long sessionId, String qrToken) {
        return sessionKey(sessionId).flatMap(key -> {
            QrTokens.Check check = QrTokens.check(key.secret(), sessionId, key.rotationSeconds(), qrToken, Instant.now().getEpochSecond());
            if (check != QrTokens.Check.VALID) {
                refused.increment();
                throw check == QrTokens.Check.STALE
                        ? new ApiException(422, "qr_token_expired", "this QR code has changed; scan the current one", Map.of())
                        : new ApiException(422, "qr_token_invalid", "this QR code is not valid for this session", Map.of());
            }
            return batcher.submit(new MarkBatcher.Mark(sessionId, student.studentId(), student.name(), student.email(), student.group()))
                    .map(outcome -> switch (outcome.status()) {
                        case "marked" -> {
                            marked.increment();
                            yield new MarkResult("marked", sessionId, student.studentId(), outcome.markedAt(), key.discipline());
                        }
                        case "already_marked" -> {
                            repeated.increment();
                            yield new MarkResult("already_marked", sessionId, student.studentId(), outcome.markedAt(), key.discipline());
                        }
                        case "no_session" -> throw ApiException.notFound("session", sessionId);
                        case "retry" -> throw ApiException.conflict("the mark changed meanwhile; try again", Map.of());
                        default -> {
                            refused.increment();
                            throw new ApiException(409, "session_closed", "this attendance session is over",
                                    Map.of("status", outcome.status()));
                        }
                    });
        });
    }

    /** A teacher's mark: the session exists and is theirs; a repeat answers the existing mark. */
    private Uni<MarkResult> manualInsert(long sessionId, long studentId, ManualMark mark, String markedBy, String discipline) {
        return db.preparedQuery(MANUAL_MARK).execute(Tuple.from(new Object[] { sessionId, studentId, mark.studentName(),
                mark.studentEmail(), mark.studentGroup(), markedBy }))
                .flatMap(rows -> rows.iterator().hasNext()
                        ? Uni.createFrom().item(new MarkResult("marked", sessionId, studentId,
                                rows.iterator().next().getOffsetDateTime("marked_at"), discipline))
                        : db.preparedQuery("select marked_at from marks where session_id = $1 and student_id = $2")
                                .execute(Tuple.of(sessionId, studentId))
                                .map(found -> new MarkResult("already_marked", sessionId, studentId,
                                        found.iterator().hasNext() ? found.iterator().next().getOffsetDateTime("marked_at") : null,
                                        discipline)));
    }

    private Uni<SessionKey> sessionKey(long sessionId) {
        SessionKey cached = sessionKeys.getIfPresent(sessionId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return db.preparedQuery("select secret, rotation_seconds, discipline from attendance_sessions where id = $1")
                .execute(Tuple.of(sessionId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ApiException.notFound("session", sessionId);
                    }
                    Row row = rows.iterator().next();
                    SessionKey key = new SessionKey(row.getBuffer("secret").getBytes(), row.getInteger("rotation_seconds"),
                            row.getString("discipline"));
                    sessionKeys.put(sessionId, key);
                    return key;
                });
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private Uni<Teacher> teacher(long teacherId) {
        return teachers.byId(teacherId).map(teacher -> Optional.ofNullable(teacher).orElseThrow(
                () -> ApiException.forbidden("this account is not linked to a traffic teacher")));
    }

    private LocalDate today() {
        return LocalDate.now(config.zone());
    }

    Uni<SessionView> session(long id) {
        return db.preparedQuery("select " + SESSION_COLUMNS + " from attendance_sessions s where s.id = $1").execute(Tuple.of(id))
                .map(rows -> first(rows).orElseThrow(() -> ApiException.notFound("session", id)));
    }

    private static Optional<SessionView> first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Optional.of(view(rows.iterator().next())) : Optional.empty();
    }

    static SessionView view(Row row) {
        return new SessionView(row.getLong("id"), row.getString("status"), row.getString("discipline"), row.getString("teacher_name"),
                row.getLong("teacher_id"), row.getLong("kiosk_id"), row.getString("building_name"), row.getString("room_name"),
                row.getLocalDate("lesson_date"), row.getString("lesson_start"), row.getString("lesson_end"),
                row.getOffsetDateTime("started_at"), row.getOffsetDateTime("expires_at"), row.getOffsetDateTime("ended_at"),
                row.getLong("attendees"), row.getInteger("rotation_seconds"));
    }
}
