package edu.campus.traffic;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import edu.campus.traffic.kiosk.KioskSecrets;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class KioskLifecycleTest extends TrafficTestBase {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void initStoresOnlyTheHashOfTheSecretAndShowsTheRegistrationPin() {
        Map<String, Object> kiosk = initKiosk();
        String secret = (String) kiosk.get("device_secret");
        assertTrue(secret.matches("[A-Za-z0-9_-]{43}"), secret);
        assertTrue(((String) kiosk.get("registration_pin")).matches("[0-9]{6}"));
        assertTrue(((String) kiosk.get("display_pin")).matches("[0-9]{6}"));

        var row = db.preparedQuery("select secret_hash, registration_pin from kiosks where device_id = $1::uuid")
                .execute(Tuple.of(kiosk.get("device_id"))).await().indefinitely().iterator().next();
        assertArrayEquals(KioskSecrets.hash(secret), row.getBuffer("secret_hash").getBytes());
        assertEquals(kiosk.get("registration_pin"), row.getString("registration_pin"));

        kioskState(secret).statusCode(200).body("state", equalTo("unregistered"))
                .body("registration_pin", equalTo(kiosk.get("registration_pin")))
                .body("device_id", equalTo(kiosk.get("device_id")))
                .body("$", not(hasKey("display_pin"))).body("server_time", notNullValue());
    }

    @Test
    void wholeLifecycleUnregisteredIdleActiveIdleUnregisteredDeleted() {
        Map<String, Object> kiosk = initKiosk();
        String secret = (String) kiosk.get("device_secret");
        long room = random();
        stubRooms(BUILDING, room, "А-101");

        long id = kioskIdByPin(kiosk.get("registration_pin"));
        as(adminToken()).body(Map.of("building_id", BUILDING, "room_id", room)).put("/api/traffic/admin/kiosks/" + id + "/room")
                .then().statusCode(200).body("state", equalTo("idle")).body("place.room_name", equalTo("А-101"))
                .body("place.building_name", equalTo("Главный учебный корпус")).body("$", not(hasKey("registration_pin")));
        // the registration PIN is spent: nobody can find (and re-bind) the kiosk by it any more
        as(adminToken()).get("/api/traffic/admin/kiosks/by-registration-pin/" + kiosk.get("registration_pin")).then().statusCode(404);
        kioskState(secret).statusCode(200).body("state", equalTo("idle")).body("display_pin", equalTo(kiosk.get("display_pin")))
                .body("place.room_id", equalTo((int) room)).body("$", not(hasKey("session")));

        long ruz = random();
        long teacher = insertTeacher("Петрова Алёна Сергеевна", ruz);
        stubRoomDay(room, lesson("Математический анализ", "10:00", "11:30", ruz, "Петрова Алёна Сергеевна"),
                lesson("Чужая лекция", "12:00", "13:30", ruz + 1, "Сидоров Пётр"));
        String key = as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"))).post("/api/traffic/lessons/lookup")
                .then().statusCode(200).body("lessons.size()", is(1)).body("lessons[0].subject", equalTo("Математический анализ"))
                .body("lessons[0].matched_by", equalTo("ruz_teacher_id")).body("kiosk_id", equalTo((int) id))
                .extract().jsonPath().getString("lessons[0].lesson_key");
        long session = as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"), "lesson_key", key))
                .post("/api/traffic/sessions").then().statusCode(201).body("status", equalTo("active"))
                .body("discipline", equalTo("Математический анализ")).body("teacher_name", equalTo("Петрова Алёна Сергеевна"))
                .body("room_name", equalTo("А-101")).body("attendee_count", is(0)).extract().jsonPath().getLong("id");

        kioskState(secret).statusCode(200).body("state", equalTo("active")).body("session.id", equalTo((int) session))
                .body("session.secret", matchesPattern("[0-9a-f]{64}")).body("session.rotation_seconds", is(10))
                .body("session.discipline", equalTo("Математический анализ")).body("session.lesson_start", equalTo("10:00"));

        as(teacherToken(teacher)).post("/api/traffic/sessions/" + session + "/close").then().statusCode(200)
                .body("status", equalTo("closed")).body("ended_at", notNullValue());
        kioskState(secret).statusCode(200).body("state", equalTo("idle"));

        String newPin = as(adminToken()).delete("/api/traffic/admin/kiosks/" + id + "/room").then().statusCode(200)
                .body("state", equalTo("unregistered")).extract().jsonPath().getString("registration_pin");
        assertNotEquals(null, newPin);
        kioskState(secret).statusCode(200).body("state", equalTo("unregistered")).body("registration_pin", equalTo(newPin));

        as(adminToken()).delete("/api/traffic/admin/kiosks/" + id).then().statusCode(204);
        kioskState(secret).statusCode(401).body("error_code", equalTo("unauthorized"));
        // the session and its history stay
        as(teacherToken(teacher)).get("/api/traffic/sessions/" + session).then().statusCode(200).body("kiosk_id", nullValue());
    }

    @Test
    void startingASessionClosesThePreviousOneOnThatKiosk() {
        Setup first = activeSession();
        String key = as(teacherToken(first.teacherId())).body(Map.of("display_pin", first.displayPin()))
                .post("/api/traffic/lessons/lookup").then().extract().jsonPath().getString("lessons[0].lesson_key");
        long second = as(teacherToken(first.teacherId())).body(Map.of("display_pin", first.displayPin(), "lesson_key", key))
                .post("/api/traffic/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
        as(teacherToken(first.teacherId())).get("/api/traffic/sessions/" + first.sessionId()).then().body("status", equalTo("closed"));
        kioskState(first.secret()).body("session.id", equalTo((int) second));
        long active = db.preparedQuery("select count(*) from attendance_sessions where kiosk_id = $1 and status = 'active'")
                .execute(Tuple.of(first.kioskId())).await().indefinitely().iterator().next().getLong(0);
        assertEquals(1, active);
    }

    @Test
    void lessonsAreMatchedByNormalisedNameWhenRuzIdsDiffer() {
        long teacher = insertTeacher("Ёлкина  Анна ПЕТРОВНА", null);
        long room = random();
        Map<String, Object> kiosk = registeredKiosk(room);
        stubRoomDay(room, lesson("Химия", "09:00", "10:30", 42, "елкина анна петровна"), lesson("Химия", "10:40", "12:10", 43, "Другой"));
        as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"))).post("/api/traffic/lessons/lookup")
                .then().statusCode(200).body("lessons.size()", is(1)).body("lessons[0].matched_by", equalTo("full_name"))
                .body("lessons[0].start_time", equalTo("09:00"));
        // a key of someone else's lesson (or a made-up one) opens nothing
        as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"), "lesson_key", "10:40-12:10-1"))
                .post("/api/traffic/sessions").then().statusCode(422).body("error_code", equalTo("lesson_not_found"));
    }

    @Test
    void bindingIsCheckedAgainstSchedule() {
        Map<String, Object> kiosk = initKiosk();
        long id = kioskIdByPin(kiosk.get("registration_pin"));
        stubRooms(BUILDING, 500, "101");
        as(adminToken()).body(Map.of("building_id", BUILDING, "room_id", 999_999)).put("/api/traffic/admin/kiosks/" + id + "/room")
                .then().statusCode(400).body("error_code", equalTo("validation_error")).body("details.fields.room_id", notNullValue());
        as(adminToken()).body(Map.of("building_id", 404_404, "room_id", 500)).put("/api/traffic/admin/kiosks/" + id + "/room")
                .then().statusCode(400).body("details.fields.building_id", notNullValue());
        as(adminToken()).body(Map.of("room_id", 500)).put("/api/traffic/admin/kiosks/" + id + "/room")
                .then().statusCode(400).body("error_code", equalTo("validation_error"));
        as(adminToken()).body(Map.of("building_id", BUILDING, "room_id", 500)).put("/api/traffic/admin/kiosks/999999999/room")
                .then().statusCode(404);
        kioskState(kiosk.get("device_secret")).body("state", equalTo("unregistered"));
        as(adminToken()).get("/api/traffic/admin/kiosks?registered=false").then().statusCode(200)
                .body("total", is(1)).body("items[0].id", equalTo((int) id));
        // parameters are checked as written: a 400 naming them, not a 404 or a silently ignored filter
        as(adminToken()).get("/api/traffic/admin/kiosks?registered=maybe").then().statusCode(400)
                .body("details.fields.registered", equalTo("must be true or false"));
        as(adminToken()).get("/api/traffic/admin/kiosks/abc").then().statusCode(400)
                .body("details.fields.id", equalTo("must be a whole number"));
        as(teacherToken(1)).get("/api/traffic/sessions?status=bogus").then().statusCode(400)
                .body("details.fields.status", org.hamcrest.Matchers.startsWith("must be one of"));
    }

    @Test
    void registrationPinLookupsAreRateLimited() {
        long started = System.nanoTime();
        int passed = 0;
        ValidatableResponse refused = null;
        for (int i = 0; i < 25; i++) {
            ValidatableResponse response = as(otherAdmin()).get("/api/traffic/admin/kiosks/by-registration-pin/000000").then();
            int status = response.extract().statusCode();
            if (status == 429) {
                refused = response;
            } else {
                assertEquals(404, status);
                passed++;
            }
        }
        // 20 in the bucket, plus one refilled every 3 s of the time that actually passed (a busy machine only widens it)
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;
        int allowed = 20 + (int) Math.ceil(elapsedSeconds / 3);
        assertTrue(passed <= allowed, passed + " lookups passed in " + elapsedSeconds + " s; at most " + allowed + " may");
        assertTrue(refused != null, "no lookup was refused");
        refused.header("Retry-After", notNullValue()).body("error_code", equalTo("too_many_requests"));
    }

    /** An admin of its own, so that this test's bucket is not shared with the others'. */
    private static String otherAdmin() {
        return edu.campus.traffic.support.Upstreams.SSO.ssoUser(777, "traffic", "admin", null, "Rate Limited Admin");
    }

    @Test
    void eventStreamSendsTheStateNowAndOnEveryChange() throws Exception {
        Map<String, Object> kiosk = initKiosk();
        String secret = (String) kiosk.get("device_secret");
        BlockingQueue<String> events = new ArrayBlockingQueue<>(16);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/traffic/kiosks/events"))
                .header("Authorization", "Bearer " + secret).header("Accept", "text/event-stream").build();
        var response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.get().body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        events.add(line.substring(5).trim());
                    }
                }
            } catch (Exception ignored) {
                // the stream ends with the test
            }
        });
        try {
            String first = events.poll(10, TimeUnit.SECONDS);
            assertTrue(first != null && first.contains("\"state\":\"unregistered\""), String.valueOf(first));

            long room = random();
            stubRooms(BUILDING, room, "101");
            long id = kioskIdByPin(kiosk.get("registration_pin"));
            as(adminToken()).body(Map.of("building_id", BUILDING, "room_id", room)).put("/api/traffic/admin/kiosks/" + id + "/room")
                    .then().statusCode(200);
            String second = events.poll(10, TimeUnit.SECONDS);
            assertTrue(second != null && second.contains("\"state\":\"idle\""), String.valueOf(second));
        } finally {
            response.cancel(true);
            reader.interrupt();
            client.shutdownNow();
        }
    }

    @Test
    void changesMadeOnAnotherInstanceReachThisOneThroughPostgres() throws Exception {
        Map<String, Object> kiosk = registeredKiosk(random());
        String secret = (String) kiosk.get("device_secret");
        kioskState(secret).body("state", equalTo("idle")); // now cached here
        // "another instance" unbinds the kiosk: it changes the row and notifies, as the service does
        db.preparedQuery("update kiosks set building_id = null, building_name = null, room_id = null, room_name = null, "
                + "registered_at = null, registration_pin = '654321' where id = $1 returning pg_notify('traffic_kiosk', id::text)")
                .execute(Tuple.of(kiosk.get("id"))).await().indefinitely();
        String state = null;
        for (int i = 0; i < 50 && !"unregistered".equals(state); i++) {
            Thread.sleep(Duration.ofMillis(20));
            state = kioskState(secret).extract().jsonPath().getString("state");
        }
        // well before the 2 s TTL would have refreshed it
        assertEquals("unregistered", state);
    }
}
