package edu.campus.schedule;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiFuzz;
import edu.campus.schedule.support.ScheduleTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** Every parameter of every endpoint, fuzzed from the OpenAPI document (schedule is anonymous). */
@QuarkusTest
class FuzzTest extends ScheduleTestBase {

    @Test
    void noAnswerIsA5xxAndEveryRefusalHasTheErrorShape() {
        OpenApiFuzz fuzz = OpenApiFuzz.of(List.of());
        List<OpenApiFuzz.Finding> findings = fuzz.run(Arrays.asList((String) null));
        System.out.println("fuzz: " + fuzz.requests() + " requests, slowest " + fuzz.slowest());
        assertTrue(findings.isEmpty(), fuzz.requests() + " requests, " + findings.size() + " broke a rule:\n"
                + findings.stream().limit(30).map(Object::toString).collect(Collectors.joining("\n")));
        assertTrue(fuzz.requests() > 150, fuzz.requests() + " requests");
    }
}
