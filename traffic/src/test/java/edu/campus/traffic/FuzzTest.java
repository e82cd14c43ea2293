package edu.campus.traffic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiFuzz;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** Every request body and parameter of every endpoint, fuzzed from the OpenAPI document with every kind of caller. */
@QuarkusTest
class FuzzTest extends TrafficTestBase {

    @Test
    void noAnswerIsA5xxAndEveryRefusalHasTheErrorShape() {
        Map<String, Object> kiosk = initKiosk();
        OpenApiFuzz fuzz = OpenApiFuzz.of(List.of());
        List<OpenApiFuzz.Finding> findings = fuzz.run(Arrays.asList(null, "Bearer " + adminToken(), "Bearer " + teacherToken(1),
                "Bearer " + studentToken(1), "Bearer " + kiosk.get("device_secret")));
        System.out.println("fuzz: " + fuzz.requests() + " requests, slowest " + fuzz.slowest());
        assertTrue(findings.isEmpty(), fuzz.requests() + " requests (slowest " + fuzz.slowest() + "), " + findings.size() + " broke a rule:\n"
                + findings.stream().limit(30).map(Object::toString).collect(Collectors.joining("\n")));
        assertTrue(fuzz.requests() > 1000, fuzz.requests() + " requests");
    }
}
