package edu.campus.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.junit.jupiter.api.Test;

import edu.campus.schedule.support.ScheduleTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

@QuarkusTest
@TestProfile(RateLimitTest.ThreePerSecond.class)
class RateLimitTest extends ScheduleTestBase {

    public static class ThreePerSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("schedule.ruz.rate-limit-per-second", "3");
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noMoreThanTheLimitReachesRuzAndTheRestFailFastWithoutTrippingTheBreaker() throws Exception {
        // ten different weeks at once: ten loads wanted, three tokens in the bucket
        HttpClient http = HttpClient.newHttpClient();
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int group = 100; group < 110; group++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/api/schedule/groups/" + group + "/week?date=2026-11-18")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int limited = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            if (response.statusCode() == 503) {
                assertThat(response.body(), containsString("\"reason\":\"rate_limited\""));
                limited++;
            } else {
                // unknown groups: the calls that got through are answered 404 by the fake RUZ
                assertEquals(404, response.statusCode());
            }
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;
        var requests = ruz.findAll(getRequestedFor(urlPathMatching("/scheduler/.*")));
        int reached = requests.size();
        // a call that timed out on a starved machine is retried (and its retry may be the one limited): each week once
        long weeks = requests.stream().map(request -> request.getUrl()).distinct().count();
        // 3 tokens, plus what refilled (3 a second) in the time that actually passed: a busy machine only widens it
        int allowed = 3 + (int) Math.ceil(elapsedSeconds * 3);
        assertThat("elapsed " + elapsedSeconds + " s", reached, lessThanOrEqualTo(allowed));
        assertThat("every call reached RUZ or was limited", weeks + limited, org.hamcrest.Matchers.greaterThanOrEqualTo(10L));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("ruz"));
    }
}
