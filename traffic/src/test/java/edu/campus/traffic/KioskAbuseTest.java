package edu.campus.traffic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import edu.campus.traffic.kiosk.KioskStateCache;
import edu.campus.traffic.support.SseRecorder;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * Abuse limits of the kiosk API, with the test client (127.0.0.1) as an untrusted peer: its X-Forwarded-For is ignored,
 * as a client's own header is in production.
 */
@QuarkusTest
@TestProfile(KioskAbuseTest.Limits.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the wrong-secret budget of 127.0.0.1 is spent last
class KioskAbuseTest extends TrafficTestBase {

    static final String ENROLMENT = "enrol-test-8f1c2a";

    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.trusted-proxies", "192.0.2.1/32", "traffic.kiosk.max-unregistered", "4",
                    "traffic.kiosk.enrolment-token", ENROLMENT, "traffic.kiosk.streams-per-kiosk", "1",
                    "traffic.kiosk.streams-per-address", "2", "traffic.kiosk.wrong-secrets-per-minute", "5");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    KioskStateCache cache;

    private static RequestSpecification enrolled() {
        return given().header("X-Kiosk-Enrolment-Token", ENROLMENT);
    }

    private static Map<String, Object> init() {
        return enrolled().post("/api/traffic/kiosks/init").then().statusCode(201).extract().jsonPath().getMap("");
    }

    @Test
    @Order(1)
    void initNeedsTheEnrolmentTokenAndStopsAtTheCapOfWaitingKiosks() {
        given().post("/api/traffic/kiosks/init").then().statusCode(401).body("error_code", equalTo("enrolment_token_required"));
        given().header("X-Kiosk-Enrolment-Token", "enrol-wrong").post("/api/traffic/kiosks/init").then().statusCode(401);
        for (int i = 0; i < 4; i++) {
            init();
        }
        enrolled().post("/api/traffic/kiosks/init").then().statusCode(503).header("Retry-After", "600")
                .body("error_code", equalTo("too_many_unregistered_kiosks")).body("details.limit", equalTo(4));
        assertEquals(4L, db.query("select count(*) from kiosks").execute().await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    @Order(3)
    void unknownSecretsAreLimitedPerAddressWhateverItsHeaderSaysAndNeverFillTheCache() {
        Map<String, Object> kiosk = init();
        kioskState(kiosk.get("device_secret")).statusCode(200); // a real kiosk, now in memory
        long cached = cache.size();
        for (int i = 0; i < 5; i++) {
            // a forged X-Forwarded-For per request from an untrusted peer changes nothing
            given().header("X-Forwarded-For", "198.51.100." + i).header("Authorization", "Bearer " + "w".repeat(42) + i)
                    .get("/api/traffic/kiosks/state").then().statusCode(401);
        }
        given().header("X-Forwarded-For", "198.51.100.99").header("Authorization", "Bearer " + "w".repeat(43))
                .get("/api/traffic/kiosks/state").then().statusCode(429).body("error_code", equalTo("too_many_requests"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        assertEquals(cached, cache.size(), "wrong secrets took places among the kiosks' snapshots");
        // the real kiosk, served from memory, is not refused
        kioskState(kiosk.get("device_secret")).statusCode(200).body("state", equalTo("unregistered"));
    }

    @Test
    @Order(2)
    void aKioskAndAnAddressHaveAFewEventStreamsAtMost() throws Exception {
        String first = (String) init().get("device_secret");
        String second = (String) init().get("device_secret");
        String third = (String) init().get("device_secret");
        try (SseRecorder a = new SseRecorder(port, "/api/traffic/kiosks/events", first)) {
            assertEquals(200, a.status());
            try (SseRecorder again = new SseRecorder(port, "/api/traffic/kiosks/events", first)) {
                assertEquals(429, again.status()); // one per kiosk
            }
            try (SseRecorder b = new SseRecorder(port, "/api/traffic/kiosks/events", second)) {
                assertEquals(200, b.status());
                try (SseRecorder c = new SseRecorder(port, "/api/traffic/kiosks/events", third)) {
                    assertEquals(429, c.status()); // two per address
                }
            }
        }
        // closed streams give their places back
        int status = 0;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos(); status != 200 && System.nanoTime() < deadline;) {
            try (SseRecorder again = new SseRecorder(port, "/api/traffic/kiosks/events", third)) {
                status = again.status();
            }
            if (status != 200) {
                Thread.sleep(100);
            }
        }
        assertTrue(status == 200, "the places were not given back");
    }
}
