package edu.campus.e2e;

import static edu.campus.e2e.Platform.api;
import static edu.campus.e2e.Platform.newUser;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.restassured.path.json.JsonPath;

/**
 * Two of schedule, traffic, services and main (-Dcampus.replicas=2): the gateway uses both, traffic's instances see each
 * other's changes at once (NOTIFY, although each caches kiosk states for a minute here), schedule's share one cache (Redis).
 * The rest of the suite passes against the same platform.
 */
@EnabledIfSystemProperty(named = "campus.replicas", matches = "2")
class ReplicasIT {

    private static final Map<String, int[]> INSTANCES = Map.of("schedule", new int[] { 8082, 8092 }, "traffic", new int[] { 8083, 8093 },
            "services", new int[] { 8084, 8094 }, "main", new int[] { 8085, 8095 });

    @Test
    void theGatewaySpreadsRequestsOverBothInstances() {
        Map<Integer, Double> before = requestCounts();
        for (int i = 0; i < 20; i++) {
            api().get("/api/schedule/buildings").then().statusCode(200);
            api().get("/api/traffic/kiosks/state").then().statusCode(401);
            api().get("/api/services/departments").then().statusCode(200);
            api().get("/api/main/.well-known/jwks.json").then().statusCode(200);
        }
        Map<Integer, Double> after = requestCounts();
        for (var service : INSTANCES.entrySet()) {
            for (int port : service.getValue()) {
                double served = after.get(port) - before.getOrDefault(port, 0.0);
                assertTrue(served >= 5, service.getKey() + " on :" + port + " served " + served + " of 20");
            }
        }
    }

    @Test
    void aKioskBoundThroughOneTrafficIsSeenAtOnceByTheOther() {
        String admin = newUser("traffic", "admin", "traffic.admin");
        JsonPath init = given().post("http://127.0.0.1:8083/api/traffic/kiosks/init").then().statusCode(201).extract().jsonPath();
        String device = "Bearer " + init.getString("device_secret");
        // the second instance has read (and cached) the kiosk as unregistered
        assertEquals("unregistered", given().header("Authorization", device).get("http://127.0.0.1:8093/api/traffic/kiosks/state").then()
                .statusCode(200).extract().path("state"));
        long id = given().header("Authorization", "Bearer " + admin)
                .get("http://127.0.0.1:8083/api/traffic/admin/kiosks/by-registration-pin/" + init.getString("registration_pin")).then()
                .statusCode(200).extract().jsonPath().getLong("id");
        given().header("Authorization", "Bearer " + admin).contentType("application/json")
                .body(Map.of("building_id", Kiosk.BUILDING, "room_id", Kiosk.ROOM)).put("http://127.0.0.1:8083/api/traffic/admin/kiosks/" + id + "/room")
                .then().statusCode(200);
        try {
            String state = Platform.await("the other instance's view of the kiosk", () -> given().header("Authorization", device)
                    .get("http://127.0.0.1:8093/api/traffic/kiosks/state").then().statusCode(200).extract().<String> path("state"),
                    "idle"::equals, Duration.ofSeconds(5));
            assertEquals("idle", state);
        } finally {
            given().header("Authorization", "Bearer " + admin).delete("http://127.0.0.1:8083/api/traffic/admin/kiosks/" + id + "/room");
        }
    }

    @Test
    void bothSchedulesShareOneCache() {
        // a building's rooms neither instance has asked RUZ for: the first asks, the second finds them in Redis
        double before = ruzCalls("building_rooms");
        String first = given().get("http://127.0.0.1:8082/api/schedule/buildings/24/rooms").then().statusCode(200).extract().asString();
        String second = given().get("http://127.0.0.1:8092/api/schedule/buildings/24/rooms").then().statusCode(200).extract().asString();
        assertEquals(first, second);
        assertEquals(before + 1, ruzCalls("building_rooms"), "one RUZ call for both instances");
    }

    private static Map<Integer, Double> requestCounts() {
        Map<Integer, Double> counts = new HashMap<>();
        for (int[] ports : INSTANCES.values()) {
            for (int port : ports) {
                counts.put(port, metric(port, "http_server_requests_seconds_count", "uri=\"/health", "uri=\"/q/"));
            }
        }
        return counts;
    }

    private static double ruzCalls(String operation) {
        return metric(8082, "schedule_ruz_requests_seconds_count{operation=\"" + operation + "\"")
                + metric(8092, "schedule_ruz_requests_seconds_count{operation=\"" + operation + "\"");
    }

    /** The sum of a Prometheus counter's series on one instance, leaving out series that contain any of {@code except}. */
    private static double metric(int port, String prefix, String... except) {
        String text = given().get("http://127.0.0.1:" + port + "/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        lines: for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            for (String no : except) {
                if (line.contains(no)) {
                    continue lines;
                }
            }
            sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return sum;
    }
}
