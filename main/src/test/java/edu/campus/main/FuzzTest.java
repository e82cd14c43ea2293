package edu.campus.main;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiFuzz;
import edu.campus.main.support.MainTestBase;
import edu.campus.main.support.Upstreams;
import io.quarkus.test.junit.QuarkusTest;

/** Every request body and parameter of every endpoint, fuzzed from the OpenAPI document: anonymous and as a student. */
@QuarkusTest
class FuzzTest extends MainTestBase {

    @Test
    void noAnswerIsA5xxAndEveryRefusalHasTheErrorShape() {
        Map<String, String> session = signIn();
        // the record-book site refuses every password (a 422 for connect); nothing else upstream is stubbed (404s)
        Upstreams.server().stubFor(get(urlPathEqualTo("/lk/accounts/basic-login/")).willReturn(aResponse()
                .withHeader("Set-Cookie", "csrftoken=fuzz; Path=/")));
        Upstreams.server().stubFor(post(urlPathEqualTo("/lk/accounts/basic-login/")).willReturn(aResponse().withStatus(200)));
        OpenApiFuzz fuzz = OpenApiFuzz.of(List.of());
        List<OpenApiFuzz.Finding> findings = fuzz.run(Arrays.asList(null, "Bearer " + session.get("access_token")));
        System.out.println("fuzz: " + fuzz.requests() + " requests, slowest " + fuzz.slowest());
        assertTrue(findings.isEmpty(), fuzz.requests() + " requests (slowest " + fuzz.slowest() + "), " + findings.size() + " broke a rule:\n"
                + findings.stream().limit(30).map(Object::toString).collect(Collectors.joining("\n")));
        assertTrue(fuzz.requests() > 300, fuzz.requests() + " requests");
    }
}
