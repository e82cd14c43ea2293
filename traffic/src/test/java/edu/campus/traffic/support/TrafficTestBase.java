package edu.campus.traffic.support;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import edu.campus.traffic.attendance.QrTokens;
import edu.campus.common.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "traffic_test"))
@WithTestResource(Upstreams.class)
@WithTestResource(edu.campus.events.testing.TestBroker.class)
public abstract class TrafficTestBase {

    public static final ZoneId ZONE = ZoneId.of("Europe/Moscow");
    public static final long BUILDING = 17;

    @Inject
    protected Pool db;

    @BeforeEach
    void cleanSlate() {
        Upstreams.reset();
        db.query("truncate outbox, inbox, inactive_accounts, marks, attendance_sessions, kiosks, teachers, teacher_sync_runs cascade").execute().await().indefinitely();
    }

    public static RequestSpecification as(String token) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    public static String adminToken() {
        return Upstreams.SSO.ssoUser(1, "traffic", "admin", null, "Traffic Admin");
    }

    public static String teacherToken(long teacherId) {
        return Upstreams.SSO.ssoUser(100 + teacherId, "traffic", "teacher", teacherId, "Teacher " + teacherId);
    }

    public static String studentToken(long studentId) {
        return Upstreams.MAIN.launch(studentId, "traffic", "Student " + studentId, "s" + studentId + "@uni.example", "3530901/10001");
    }

    public static long random() {
        return ThreadLocalRandom.current().nextLong(1_000, 1_000_000_000);
    }

    protected long insertTeacher(String fullName, Long ruzTeacherId) {
        return db.preparedQuery("insert into teachers (full_name, ruz_teacher_id) values ($1, $2) returning id")
                .execute(Tuple.of(fullName, ruzTeacherId)).await().indefinitely().iterator().next().getLong("id");
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    // --- schedule stubs -------------------------------------------------------------------------------------------

    public static void stubRooms(long buildingId, long roomId, String roomName) {
        Upstreams.server().stubFor(get(urlPathEqualTo("/api/schedule/buildings/" + buildingId + "/rooms")).willReturn(okJson(
                "{\"building\":{\"id\":" + buildingId + ",\"name\":\"Главный учебный корпус\",\"abbr\":\"ГЗ\",\"address\":\"ул. Политехническая, 29\"},"
                        + "\"rooms\":[{\"id\":" + roomId + ",\"name\":\"" + roomName + "\"},{\"id\":" + (roomId + 1) + ",\"name\":\"other\"}]}")));
    }

    /** A lesson as schedule's normalized JSON: teacher (RUZ id, name) and one group. */
    public static String lesson(String subject, String start, String end, long ruzTeacherId, String teacherName) {
        return "{\"subject\":\"" + subject + "\",\"subject_short\":null,\"type\":\"Лекции\",\"type_abbr\":\"лек\",\"start_time\":\"" + start
                + "\",\"end_time\":\"" + end + "\",\"parity\":0,\"additional_info\":null,"
                + "\"teachers\":[{\"id\":" + ruzTeacherId + ",\"oid\":null,\"full_name\":\"" + teacherName + "\"}],"
                + "\"rooms\":[],\"groups\":[{\"id\":35384,\"name\":\"3530901/10001\",\"faculty_id\":95,\"level\":3,\"type\":\"common\","
                + "\"kind\":\"0\",\"spec\":null,\"year\":2026}],\"links\":null}";
    }

    public static void stubRoomDay(long roomId, String... lessons) {
        LocalDate today = today();
        Upstreams.server().stubFor(get(urlPathEqualTo("/api/schedule/rooms/" + roomId + "/day")).willReturn(okJson(
                "{\"date\":\"" + today + "\",\"weekday\":" + today.getDayOfWeek().getValue() + ",\"week\":null,"
                        + "\"room\":{\"id\":" + roomId + ",\"name\":\"101\",\"building\":null},\"lessons\":[" + String.join(",", lessons) + "]}")));
    }

    // --- kiosks and sessions -------------------------------------------------------------------------------------------

    /** A new kiosk: device_id, device_secret, registration_pin, display_pin. */
    public static Map<String, Object> initKiosk() {
        return given().contentType(ContentType.JSON).post("/api/traffic/kiosks/init").then().statusCode(201)
                .extract().jsonPath().getMap("");
    }

    public static ValidatableResponse kioskState(Object secret) {
        return given().header("Authorization", "Bearer " + secret).get("/api/traffic/kiosks/state").then();
    }

    /** The kiosk's id through the admins' look-up, as an admin of its own (the look-up is rate-limited per admin). */
    public static long kioskIdByPin(Object registrationPin) {
        String admin = Upstreams.SSO.ssoUser(random(), "traffic", "admin", null, "Traffic Admin");
        return as(admin).get("/api/traffic/admin/kiosks/by-registration-pin/" + registrationPin).then().statusCode(200)
                .extract().jsonPath().getLong("id");
    }

    /** An initialised kiosk bound to room {@code roomId} of {@link #BUILDING}. */
    public static Map<String, Object> registeredKiosk(long roomId) {
        Map<String, Object> kiosk = initKiosk();
        stubRooms(BUILDING, roomId, "101");
        long id = kioskIdByPin(kiosk.get("registration_pin"));
        as(adminToken()).body(Map.of("building_id", BUILDING, "room_id", roomId)).put("/api/traffic/admin/kiosks/" + id + "/room")
                .then().statusCode(200);
        return Map.of("id", id, "device_secret", kiosk.get("device_secret"), "display_pin", kiosk.get("display_pin"));
    }

    /** A teacher (RUZ id given), a kiosk in a room with one lesson of theirs today, and a session started on it. */
    protected record Setup(long teacherId, long ruzTeacherId, long kioskId, String secret, String displayPin, long sessionId) {
    }

    protected Setup activeSession() {
        long ruz = random();
        long teacher = insertTeacher("Иванов Иван Иванович", ruz);
        long room = random();
        Map<String, Object> kiosk = registeredKiosk(room);
        stubRoomDay(room, lesson("Физика", "10:00", "11:30", ruz, "Иванов Иван Иванович"));
        String key = as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin")))
                .post("/api/traffic/lessons/lookup").then().statusCode(200).extract().jsonPath().getString("lessons[0].lesson_key");
        long session = as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"), "lesson_key", key))
                .post("/api/traffic/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        return new Setup(teacher, ruz, (long) kiosk.get("id"), (String) kiosk.get("device_secret"), (String) kiosk.get("display_pin"),
                session);
    }

    /** The token a kiosk draws {@code windowsBack} windows ago (10 s windows); waits out a window edge so a test cannot race it. */
    public static String qrToken(String secretHex, long sessionId, int windowsBack) {
        long now = Instant.now().getEpochSecond();
        if (now % 10 >= 8) {
            try {
                Thread.sleep((10 - now % 10) * 1000L + 50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now = Instant.now().getEpochSecond();
        }
        return QrTokens.token(HexFormat.of().parseHex(secretHex), sessionId, QrTokens.window(now, 10) - windowsBack);
    }

    public static List<Object> list(Object... items) {
        return List.of(items);
    }
}
