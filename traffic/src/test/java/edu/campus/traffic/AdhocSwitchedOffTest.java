package edu.campus.traffic;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** TRAFFIC_ADHOC_SESSIONS=false: ad-hoc sessions are refused with an error code, and nothing is written. */
@QuarkusTest
@TestProfile(AdhocSwitchedOffTest.Off.class)
class AdhocSwitchedOffTest extends TrafficTestBase {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("traffic.session.adhoc", "false");
        }
    }

    @Test
    void anAdhocSessionIsA403() {
        long teacher = insertTeacher("Петров П. П.", null);
        Map<String, Object> kiosk = registeredKiosk(random());
        as(teacherToken(teacher)).body(Map.of("display_pin", kiosk.get("display_pin"), "discipline", "Консультация"))
                .post("/api/traffic/sessions").then().statusCode(403).body("error_code", equalTo("adhoc_sessions_disabled"));
        assertEquals(0L, db.query("select count(*) from attendance_sessions").execute().await().indefinitely().iterator().next().getLong(0));
    }
}
