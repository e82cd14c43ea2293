package edu.campus.services;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiFuzz;
import edu.campus.services.support.ServicesTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** Every request body and parameter of every endpoint, fuzzed from the OpenAPI document: anonymous, as a student, as an admin. */
@QuarkusTest
class FuzzTest extends ServicesTestBase {

    @Test
    void noAnswerIsA5xxAndEveryRefusalHasTheErrorShape() {
        long dept = department("Деканат");
        application(service(dept, "Справка", FORM, false), 1);
        OpenApiFuzz fuzz = OpenApiFuzz.of(List.of());
        List<OpenApiFuzz.Finding> findings = fuzz.run(Arrays.asList(null, "Bearer " + student(1), "Bearer " + admin()));
        System.out.println("fuzz: " + fuzz.requests() + " requests, slowest " + fuzz.slowest());
        assertTrue(findings.isEmpty(), fuzz.requests() + " requests (slowest " + fuzz.slowest() + "), " + findings.size() + " broke a rule:\n"
                + findings.stream().limit(30).map(Object::toString).collect(Collectors.joining("\n")));
        assertTrue(fuzz.requests() > 300, fuzz.requests() + " requests");
    }
}
