package edu.campus.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import edu.campus.schedule.support.ScheduleTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

@QuarkusTest
class ResilienceTest extends ScheduleTestBase {

    private static final String WEEK = "/api/schedule/groups/35384/week?date=2026-11-18";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void twoHundredConcurrentIdenticalRequestsMakeOneRuzCall() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // warm the app and the client's connections, so the one RUZ attempt is not slowed into a timeout+retry
        List<CompletableFuture<HttpResponse<String>>> warm = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            warm.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/liveness")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(warm.toArray(CompletableFuture[]::new)).get();

        // RUZ is slow, so the requests are in flight together
        ruz.stubFor(get(urlPathEqualTo("/scheduler/35385"))
                .willReturn(okJson(body("group-week-35385.json")).withFixedDelay(300)));
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/schedule/groups/35385/week?date=2026-11-17")).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        int sharedTheLoad = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            assertEquals(200, response.statusCode());
            assertEquals(true, response.body().contains("\"date_start\":\"2026-11-16\""));
            if ("MISS".equals(response.headers().firstValue("X-Cache").orElse(""))) {
                sharedTheLoad++;
            }
        }
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/scheduler/35385")));
        // many requests waited on that one load (the rest arrived after it and were cache hits)
        org.hamcrest.MatcherAssert.assertThat(sharedTheLoad, greaterThanOrEqualTo(20));
    }

    @Test
    void afterRuzFailsTheLastGoodCopyIsServedMarkedStaleUntilTheMaximumAge() {
        given().get(WEEK).then().statusCode(200).header("X-Cache", "MISS");

        // 11 minutes later the copy is no longer fresh (TTL 10m) and RUZ answers 500
        time.advance(Duration.ofMinutes(11));
        ruz.stubFor(get(urlPathEqualTo("/scheduler/35384")).willReturn(aResponse().withStatus(500)));
        given().get(WEEK).then().statusCode(200)
                .header("X-Cache", "STALE")
                .header("Age", "660")
                .header("Warning", "110 - \"Response is Stale\"")
                .body("week.date_start", equalTo("2026-11-16"));
        // an idempotent read: tried three times (one call, two retries) before falling back
        ruz.verify(1 + 3, getRequestedFor(urlPathEqualTo("/scheduler/35384")));

        // past the stale maximum age (24h) the failure reaches the caller
        time.advance(Duration.ofHours(24));
        given().get(WEEK).then().statusCode(503)
                .body("error_code", equalTo("upstream_unavailable"))
                .body("details.upstream", equalTo("ruz"));
    }

    @Test
    void aTimeoutAlsoFallsBackToTheStaleCopy() {
        given().get(WEEK).then().statusCode(200).header("X-Cache", "MISS");
        time.advance(Duration.ofMinutes(30));
        ruz.stubFor(get(urlPathEqualTo("/scheduler/35384"))
                .willReturn(okJson(body("group-week-35384.json")).withFixedDelay(1_200)));
        given().get(WEEK).then().statusCode(200).header("X-Cache", "STALE").header("Age", "1800");
    }

    @Test
    void withoutACopyATimeoutIs504() {
        ruz.stubFor(get(urlPathEqualTo("/buildings")).willReturn(okJson("{\"buildings\":[]}").withFixedDelay(1_200)));
        given().get("/api/schedule/buildings").then().statusCode(504)
                .body("error_code", equalTo("upstream_timeout"))
                .body("details.upstream", equalTo("ruz"))
                .body("message", equalTo("ruz did not answer in time"));
    }

    @Test
    void aDroppedConnectionWithoutACopyIs503() {
        ruz.stubFor(get(urlPathEqualTo("/buildings")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().get("/api/schedule/buildings").then().statusCode(503)
                .body("error_code", equalTo("upstream_unavailable"));
    }

    @Test
    void anUnusableBodyIs502AndNotRetried() {
        ruz.stubFor(get(urlPathEqualTo("/buildings")).willReturn(okJson("<html>maintenance</html>")));
        given().get("/api/schedule/buildings").then().statusCode(502)
                .body("error_code", equalTo("bad_upstream_response"))
                .body("details.reason", equalTo("malformed_body"));
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/buildings")));

        ruz.stubFor(get(urlPathEqualTo("/scheduler/35384")).willReturn(okJson("{\"days\":[]}")));
        given().get(WEEK).then().statusCode(502)
                .body("error_code", equalTo("bad_upstream_response"))
                .body("details.reason", equalTo("week_missing"));
    }

    @Test
    void theBreakerOpensOnRepeatedFailuresAndRecovers() throws InterruptedException {
        ruz.stubFor(get(urlPathMatching("/scheduler/.*")).willReturn(aResponse().withStatus(503)));
        // each request is 3 attempts; the breaker opens after 10 calls at ≥ 50 % failures
        for (int group = 1; group <= 4; group++) {
            given().get("/api/schedule/groups/" + group + "/week?date=2026-11-18").then().statusCode(503);
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("ruz"));
        int callsWhenOpened = ruz.countRequestsMatching(getRequestedFor(urlPathMatching("/scheduler/.*")).build()).getCount();

        // while open, RUZ is not called at all
        given().get("/api/schedule/groups/5/week?date=2026-11-18").then().statusCode(503)
                .body("error_code", equalTo("upstream_unavailable"))
                .body("details.reason", equalTo("circuit_open"));
        ruz.verify(callsWhenOpened, getRequestedFor(urlPathMatching("/scheduler/.*")));

        // RUZ recovers; after the breaker's delay (400 ms in tests) a trial call goes through and closes it
        ruz.resetToDefaultMappings();
        Thread.sleep(600);
        given().get(WEEK).then().statusCode(200);
        given().get("/api/schedule/groups/35385/week?date=2026-11-18").then().statusCode(200);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("ruz"));
    }

    @Test
    void notFoundIsAnAnswerAndNeverHiddenBehindAStaleCopy() {
        given().get("/api/schedule/groups/999999/week?date=2026-11-18").then().statusCode(404);
        // a not-found does not count against RUZ's health
        Response r = given().get("/q/metrics");
        r.then().statusCode(200);
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("ruz"));
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/scheduler/999999")));
        given().get(WEEK).then().statusCode(200);
        given().get(WEEK).then().statusCode(200).header("X-Cache", "HIT")
                .header("Age", org.hamcrest.Matchers.notNullValue());
        org.hamcrest.MatcherAssert.assertThat(
                ruz.countRequestsMatching(getRequestedFor(urlPathEqualTo("/scheduler/35384")).build()).getCount(),
                greaterThanOrEqualTo(1));
    }

    static String body(String file) {
        try (var in = ResilienceTest.class.getResourceAsStream("/ruz-stub/__files/" + file)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
