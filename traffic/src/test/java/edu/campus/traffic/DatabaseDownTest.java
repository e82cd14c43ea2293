package edu.campus.traffic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.support.TrafficTestBase;
import edu.campus.traffic.support.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** PostgreSQL unreachable: every database-backed answer is a quick 503 database_unavailable, never a 500 or a hang. */
@QuarkusTest
@TestProfile(DatabaseDownTest.Unreachable.class)
@WithTestResource(Upstreams.class)
class DatabaseDownTest {

    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // nothing listens on port 9 (discard) here: connections are refused at once
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:9/traffic_test",
                    "quarkus.flyway.migrate-at-start", "false", "quarkus.datasource.reactive.reconnect-attempts", "0");
        }
    }

    @Test
    void readsWritesAndKioskPollsAnswer503() {
        TrafficTestBase.as(TrafficTestBase.adminToken()).get("/api/traffic/admin/kiosks").then().statusCode(503)
                .header("Retry-After", "5").body("error_code", equalTo("database_unavailable"));
        given().post("/api/traffic/kiosks/init").then().statusCode(503).body("error_code", equalTo("database_unavailable"));
        given().header("Authorization", "Bearer " + "k".repeat(43)).get("/api/traffic/kiosks/state").then().statusCode(503)
                .body("error_code", equalTo("database_unavailable"));
        TrafficTestBase.as(TrafficTestBase.teacherToken(5)).get("/api/traffic/sessions").then().statusCode(503)
                .body("error_code", equalTo("database_unavailable"));
    }
}
