package edu.campus.traffic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import edu.campus.traffic.support.SseRecorder;
import edu.campus.traffic.support.SseRecorder.Event;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;

/** The admins' live kiosk status (test profile: online window 2 s, flush and presence check 1 s, the scheduler's shortest period). */
@QuarkusTest
class KioskWatchTest extends TrafficTestBase {

    private static final String PATH = "/api/traffic/admin/kiosks/events";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private static boolean kiosk(Event event, long id) {
        return event.name().equals("kiosk") && event.json().getLong("id") == id;
    }

    @Test
    void aPollingKioskComesOnlineAndGoesDarkOnceItStops() throws Exception {
        Map<String, Object> kiosk = registeredKiosk(random());
        long id = (long) kiosk.get("id");
        try (SseRecorder stream = new SseRecorder(port, PATH, adminToken())) {
            assertEquals(200, stream.status());
            Event first = stream.next(e -> true, WAIT);
            assertEquals("kiosks", first.name());
            List<Map<String, Object>> all = first.json().getList("kiosks");
            assertEquals(1, all.size());
            assertEquals(false, all.get(0).get("online"));
            assertEquals("idle", all.get(0).get("state"));

            // the kiosk polls: within a presence check it is online on the stream, and in the list's filter
            long polledAt = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                kioskState(kiosk.get("device_secret")).statusCode(200);
                Thread.sleep(100);
            }
            Event online = stream.next(e -> kiosk(e, id) && e.json().getBoolean("online"), WAIT);
            assertNotNull(online.json().getString("last_seen_at"));
            as(adminToken()).get("/api/traffic/admin/kiosks?online=true").then().statusCode(200).body("items.id", hasItem((int) id));
            as(adminToken()).get("/api/traffic/admin/kiosks?online=false").then().statusCode(200).body("items.id", not(hasItem((int) id)));

            // it stops: once the window has passed, it goes dark
            Event dark = stream.next(e -> kiosk(e, id) && !e.json().getBoolean("online"), WAIT);
            long afterMs = (System.nanoTime() - polledAt) / 1_000_000;
            assertTrue(afterMs >= 2000, "dark after " + afterMs + " ms, inside the 2 s window");
            assertEquals("idle", dark.json().getString("state"));
            as(adminToken()).get("/api/traffic/admin/kiosks?online=false").then().statusCode(200).body("items.id", hasItem((int) id));
        }
    }

    @Test
    void changesHereAndOnAnotherInstanceReachTheStream() throws Exception {
        try (SseRecorder stream = new SseRecorder(port, PATH, adminToken())) {
            assertEquals(0, stream.next(e -> e.name().equals("kiosks"), WAIT).json().getList("kiosks").size());

            // a new kiosk here
            Map<String, Object> fresh = initKiosk();
            long id = kioskIdByPin(fresh.get("registration_pin"));
            assertEquals("unregistered", stream.next(e -> kiosk(e, id), WAIT).json().getString("state"));

            // "another instance" binds it: it changes the row and notifies, as the service does
            long room = random();
            db.preparedQuery("update kiosks set building_id = 17, building_name = 'ГЗ', room_id = $2, room_name = '101', "
                    + "registered_at = now(), registration_pin = null where id = $1 returning pg_notify('traffic_kiosk', id::text)")
                    .execute(Tuple.of(id, room)).await().indefinitely();
            Event bound = stream.next(e -> kiosk(e, id) && "idle".equals(e.json().getString("state")), WAIT);
            assertEquals(room, bound.json().getLong("place.room_id"));

            // a session opened and closed here
            long teacher = insertTeacher("Петров П. П.", null);
            long session = as(teacherToken(teacher)).body(Map.of("display_pin", fresh.get("display_pin"), "discipline", "Консультация"))
                    .post("/api/traffic/sessions").then().statusCode(201).extract().jsonPath().getLong("id");
            Event active = stream.next(e -> kiosk(e, id) && "active".equals(e.json().getString("state")), WAIT);
            assertEquals(session, active.json().getLong("active_session.id"));
            assertEquals("Консультация", active.json().getString("active_session.discipline"));
            assertTrue(active.json().getBoolean("active_session.adhoc"));
            as(teacherToken(teacher)).post("/api/traffic/sessions/" + session + "/close").then().statusCode(200);
            assertFalse(stream.next(e -> kiosk(e, id) && "idle".equals(e.json().getString("state")), WAIT).json()
                    .getMap("").containsKey("active_session"));

            // deleted
            as(adminToken()).delete("/api/traffic/admin/kiosks/" + id).then().statusCode(204);
            assertEquals(id, stream.next(e -> e.name().equals("kiosk_removed"), WAIT).json().getLong("id"));
        }
    }

    @Test
    void onlyTrafficAdminsMayWatch() throws Exception {
        given().get(PATH).then().statusCode(401).body("error_code", equalTo("unauthorized"));
        as(teacherToken(5)).get(PATH).then().statusCode(403).body("error_code", equalTo("forbidden"));
        try (SseRecorder stream = new SseRecorder(port, PATH, teacherToken(5))) {
            assertEquals(403, stream.status());
        }
    }
}
