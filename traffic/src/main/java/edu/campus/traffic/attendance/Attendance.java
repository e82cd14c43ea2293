package edu.campus.traffic.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.common.json.UnicodeBlank;
import edu.campus.common.launch.LaunchPrincipal;
import edu.campus.common.schedule.ScheduleModel.Group;
import edu.campus.common.schedule.ScheduleModel.Lesson;
import edu.campus.common.schedule.client.ScheduleClient;
import edu.campus.traffic.TrafficConfig;
import edu.campus.traffic.attendance.AttendanceDtos.Attendees;
import edu.campus.traffic.attendance.AttendanceDtos.KioskLessons;
import edu.campus.traffic.attendance.AttendanceDtos.LessonOption;
import edu.campus.traffic.attendance.AttendanceDtos.ManualMark;
import edu.campus.traffic.attendance.AttendanceDtos.MarkResult;
import edu.campus.traffic.attendance.AttendanceDtos.SessionView;
import edu.campus.traffic.attendance.SessionStore.NewSession;
import edu.campus.traffic.attendance.SessionStore.SessionKey;
import edu.campus.traffic.kiosk.KioskDtos.KioskView;
import edu.campus.traffic.kiosk.KioskEvents;
import edu.campus.traffic.kiosk.KioskSecrets;
import edu.campus.traffic.kiosk.KioskStore;
import edu.campus.traffic.kiosk.Kiosks;
import edu.campus.traffic.teacher.TeacherStore.Teacher;
import edu.campus.traffic.teacher.Teachers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

/** The rules of attendance: which lessons a teacher may open, sessions, QR marks, manual marks, exports. */
@ApplicationScoped
public class Attendance {

    private static final int MAX_DISCIPLINE = 200;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Pool db;
    private final SessionStore sessions;
    private final MarkStore marks;
    private final KioskStore kioskStore;
    private final Kiosks kiosks;
    private final KioskSecrets secrets;
    private final KioskEvents events;
    private final Teachers teachers;
    private final ScheduleClient schedule;
    private final MarkBatcher batcher;
    private final TrafficConfig config;
    private final ObjectMapper json;
    /** Session keys by id: immutable once the session exists, so cached without expiry worries. */
    private final Cache<Long, SessionKey> sessionKeys = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final Counter marked;
    private final Counter repeated;
    private final Counter refused;
    private final SessionEnding ending;
    private final SessionEvents sessionEvents;

    Attendance(Pool db, SessionStore sessions, MarkStore marks, KioskStore kioskStore, Kiosks kiosks, KioskSecrets secrets,
            KioskEvents events, Teachers teachers, ScheduleClient schedule, TrafficConfig config, ObjectMapper json,
            MeterRegistry metrics, MarkBatcher batcher, SessionEnding ending, SessionEvents sessionEvents) {
        this.ending = ending;
        this.sessionEvents = sessionEvents;
        this.db = db;
        this.sessions = sessions;
        this.marks = marks;
        this.kioskStore = kioskStore;
        this.kiosks = kiosks;
        this.secrets = secrets;
        this.events = events;
        this.teachers = teachers;
        this.schedule = schedule;
        this.config = config;
        this.json = json;
        this.batcher = batcher;
        this.marked = markCounter(metrics, "marked");
        this.repeated = markCounter(metrics, "already_marked");
        this.refused = markCounter(metrics, "refused");
    }

    private static Counter markCounter(MeterRegistry metrics, String result) {
        return Counter.builder("traffic.marks").description("Students' QR marks by result").tag("result", result).register(metrics);
    }

    // --- teacher: lessons and sessions --------------------------------------------------------------------------

    /** Today's lessons in the room of the kiosk showing {@code displayPin} that are this teacher's. */
    public Uni<KioskLessons> lessons(long teacherId, String displayPin) {
        return teachers.linked(teacherId).flatMap(teacher -> kiosks.byDisplayPin(displayPin)
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
     * Opens a session for one of the teacher's lessons of today on the kiosk (see {@link #open} for what happens to a
     * session already live there).
     */
    public Uni<SessionView> start(long teacherId, String displayPin, String lessonKey) {
        return teachers.linked(teacherId).flatMap(teacher -> kiosks.byDisplayPin(displayPin)
                .flatMap(kiosk -> todaysLessons(kiosk, teacher).flatMap(options -> {
                    Option chosen = options.stream().filter(o -> o.option().lessonKey().equals(lessonKey)).findFirst()
                            .orElseThrow(() -> new ApiException(422, "lesson_not_found",
                                    "no lesson of yours with this key today in this room", Map.of("lesson_key", lessonKey)));
                    Lesson lesson = chosen.lesson();
                    return open(kiosk, teacher, SessionKind.timetable, lesson.subject(), asJson(lesson), lesson.startTime(),
                            lesson.endTime(), OffsetDateTime.now().plus(config.session().maxDuration()));
                })));
    }

    /**
     * Opens an ad-hoc session (a lesson that is not in RUZ: a make-up lesson, a consultation) in the room of the kiosk:
     * the discipline as the teacher typed it, from now until {@code lessonEnd} today ("HH:mm") or for the default
     * duration. Refused when ad-hoc sessions are switched off ({@code traffic.session.adhoc}).
     */
    public Uni<SessionView> startAdhoc(long teacherId, String displayPin, String discipline, String lessonEnd) {
        if (!config.session().adhoc()) {
            return Uni.createFrom().failure(new ApiException(403, "adhoc_sessions_disabled",
                    "sessions for lessons that are not in the timetable are switched off here", Map.of()));
        }
        String name = UnicodeBlank.strip(discipline);
        if (name == null || name.isEmpty()) {
            return Uni.createFrom().failure(ApiException.validation("discipline", "must not be blank"));
        }
        if (name.codePointCount(0, name.length()) > MAX_DISCIPLINE) {
            return Uni.createFrom().failure(ApiException.validation("discipline", "must be at most " + MAX_DISCIPLINE + " characters"));
        }
        ZonedDateTime now = ZonedDateTime.now(config.timezone()).truncatedTo(ChronoUnit.SECONDS);
        Duration max = config.session().maxDuration();
        ZonedDateTime end;
        if (lessonEnd == null) {
            end = now.plus(config.session().adhocDuration());
        } else {
            end = now.with(LocalTime.parse(lessonEnd));
            if (!end.isAfter(now)) {
                return Uni.createFrom().failure(ApiException.validation("lesson_end", "must be later than now (" + HH_MM.format(now) + ")"));
            }
            if (Duration.between(now, end).compareTo(max) > 0) {
                return Uni.createFrom().failure(ApiException.validation("lesson_end",
                        "must be at most " + max.toMinutes() + " minutes from now"));
            }
        }
        OffsetDateTime expires = end.toOffsetDateTime();
        return teachers.linked(teacherId).flatMap(teacher -> kiosks.byDisplayPin(displayPin)
                .flatMap(kiosk -> open(kiosk, teacher, SessionKind.adhoc, name, null, HH_MM.format(now), HH_MM.format(end), expires)));
    }

    /**
     * In one transaction: the kiosk row is locked, the session live on it (if any) is closed when {@link KioskTakeover}
     * allows it (otherwise 409 kiosk_busy) and the new one inserted with a fresh secret; kiosks everywhere hear.
     */
    private Uni<SessionView> open(KioskView kiosk, Teacher teacher, SessionKind kind, String discipline, JsonObject lesson,
            String lessonStart, String lessonEnd, OffsetDateTime expiresAt) {
        byte[] secret = secrets.newSessionSecret();
        NewSession session = new NewSession(kiosk.id(), teacher.id(), teacher.fullName(), kind, discipline, lesson, today(),
                lessonStart, lessonEnd, kiosk.place().roomName(), kiosk.place().buildingName(), secret,
                config.session().rotationSeconds(), expiresAt);
        return db.withTransaction(tx -> kioskStore.lockRegistered(tx, kiosk.id())
                .flatMap(locked -> {
                    if (!locked) {
                        throw ApiException.notFound("kiosk", kiosk.id());
                    }
                    return sessions.activeOnKiosk(tx, kiosk.id());
                })
                .flatMap(occupant -> {
                    if (occupant.isPresent() && !KioskTakeover.mayClose(occupant.get(), teacher.id(), Instant.now(), config.timezone())) {
                        throw busy(occupant.get());
                    }
                    // the teacher's own session ends because they started the next one; someone else's is taken over
                    boolean own = occupant.isPresent() && occupant.get().teacherId() != null && occupant.get().teacherId() == teacher.id();
                    return ending.endOnKiosk(tx, kiosk.id(), own ? SessionEvents.Reason.teacher : SessionEvents.Reason.takeover);
                })
                .flatMap(closed -> sessions.insert(tx, session))
                .call(opened -> sessionEvents.opened(tx, opened)))
                .invoke(opened -> {
                    events.changed(kiosk.id());
                    sessionKeys.put(opened.id(), new SessionKey(secret, session.rotationSeconds(), session.discipline()));
                });
    }

    private static ApiException busy(KioskTakeover.Occupant occupant) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("session_id", occupant.sessionId());
        details.put("teacher_name", occupant.teacherName());
        if (occupant.lessonEnd() != null) {
            details.put("lesson_end", occupant.lessonEnd());
        }
        return new ApiException(409, "kiosk_busy", "another teacher's session is running on this kiosk until its lesson ends",
                details);
    }

    public Uni<Page<SessionView>> sessions(long teacherId, SessionStatus status, int page, int size) {
        return sessions.byTeacher(teacherId, status, page, size);
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

    /** Ends the session now; closing an ended session answers it as it is. */
    public Uni<SessionView> close(long teacherId, long sessionId) {
        return ownSession(teacherId, sessionId).flatMap(session -> session.status() != SessionStatus.active
                ? Uni.createFrom().item(session)
                : db.withTransaction(tx -> sessions.close(tx, sessionId)
                        .call(closed -> sessionEvents.closed(tx, closed.stream().toList(), SessionEvents.Reason.teacher))).flatMap(closed -> {
                    if (closed.isEmpty()) {
                        return session(sessionId); // ended meanwhile (expiry, or the teacher's other tab)
                    }
                    if (closed.get().kioskId() != null) {
                        events.changed(closed.get().kioskId());
                    }
                    return Uni.createFrom().item(closed.get());
                }));
    }

    public Uni<Attendees> attendees(long teacherId, long sessionId) {
        return ownSession(teacherId, sessionId).flatMap(session -> marks.attendees(sessionId)
                .map(list -> new Attendees(sessionId, session.status(), list.size(), list)));
    }

    /** A teacher marks a student by hand (also after the session ended: corrections are the teacher's call). */
    public Uni<MarkResult> manualMark(long teacherId, long sessionId, long studentId, ManualMark mark) {
        return ownSession(teacherId, sessionId).flatMap(session -> marks.insertManual(sessionId, studentId, mark, "teacher:" + teacherId)
                .flatMap(inserted -> inserted.isPresent()
                        ? Uni.createFrom().item(new MarkResult(MarkOutcome.marked, sessionId, studentId, inserted.get(), session.discipline()))
                        : marks.markedAt(sessionId, studentId).map(at -> new MarkResult(MarkOutcome.already_marked, sessionId, studentId,
                                at, session.discipline()))));
    }

    public Uni<Void> unmark(long teacherId, long sessionId, long studentId) {
        return ownSession(teacherId, sessionId).flatMap(session -> marks.delete(sessionId, studentId)).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("mark", studentId);
            }
            return null;
        });
    }

    public Uni<String> csv(long teacherId, long sessionId) {
        return attendees(teacherId, sessionId).map(list -> Csv.attendees(list, config.timezone()));
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
                        case marked -> {
                            marked.increment();
                            yield new MarkResult(MarkOutcome.marked, sessionId, student.studentId(), outcome.markedAt(), key.discipline());
                        }
                        case already_marked -> {
                            repeated.increment();
                            yield new MarkResult(MarkOutcome.already_marked, sessionId, student.studentId(), outcome.markedAt(),
                                    key.discipline());
                        }
                        case no_session -> throw ApiException.notFound("session", sessionId);
                        case retry -> throw ApiException.conflict("the mark changed meanwhile; try again", Map.of());
                        case closed, expired -> {
                            refused.increment();
                            throw new ApiException(409, "session_closed", "this attendance session is over",
                                    Map.of("status", outcome.status().name()));
                        }
                    });
        });
    }

    private Uni<SessionKey> sessionKey(long sessionId) {
        SessionKey cached = sessionKeys.getIfPresent(sessionId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return sessions.key(sessionId).map(found -> {
            SessionKey key = found.orElseThrow(() -> ApiException.notFound("session", sessionId));
            sessionKeys.put(sessionId, key);
            return key;
        });
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private Uni<SessionView> session(long id) {
        return sessions.byId(id).map(found -> found.orElseThrow(() -> ApiException.notFound("session", id)));
    }

    private LocalDate today() {
        return LocalDate.now(config.timezone());
    }

    private JsonObject asJson(Lesson lesson) {
        try {
            return new JsonObject(json.writeValueAsString(lesson));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
