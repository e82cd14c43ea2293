package edu.campus.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import edu.campus.schedule.support.InjectRuz;
import edu.campus.schedule.support.RuzWireMock;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * The main flows against the packaged artifact: the JVM jar with {@code ./mvnw verify -DskipITs=false}, the
 * native executable with {@code ./mvnw verify -Dnative}. Over HTTP only (no CDI here), each case on its own keys.
 */
@QuarkusIntegrationTest
@WithTestResource(RuzWireMock.class)
class ScheduleIT {

    @InjectRuz
    WireMockServer ruz;

    @Test
    void groupWeekIsNormalizedAndCached() {
        given().queryParam("date", "2026-11-18").get("/api/schedule/groups/35384/week")
                .then().statusCode(200)
                .header("X-Cache", "MISS")
                .body("week.date_start", equalTo("2026-11-16"))
                .body("days.date", contains("2026-11-16", "2026-11-18"))
                .body("days[0].lessons.start_time", contains("08:00", "10:00"))
                .body("days[0].lessons[1].teachers[0].full_name", equalTo("Ларионенко Артём Александрович"))
                .body("days[0].lessons[1].links.lms_url", equalTo("https://lms.spbstu.ru/course/view.php?id=777"))
                .body("days[1].lessons[0].teachers", empty());
        given().queryParam("date", "2026-11-20").get("/api/schedule/groups/35384/week")
                .then().statusCode(200).header("X-Cache", "HIT");
    }

    @Test
    void resolveTeachersBuildingsRoomsAndRoomDay() {
        given().queryParam("faculty_abbr", "икнк").queryParam("group_name", "5130904/10102")
                .get("/api/schedule/groups/resolve")
                .then().statusCode(200).body("faculty_id", equalTo(95)).body("group_id", equalTo(35385));
        given().get("/api/schedule/teachers").then().statusCode(200)
                .body("teachers", hasSize(3)).body("teachers[1].full_name", equalTo("Петрова Анна Сергеевна"));
        given().get("/api/schedule/buildings").then().statusCode(200).body("buildings.id", contains(11, 24));
        given().get("/api/schedule/buildings/24/rooms").then().statusCode(200).body("rooms[0].id", equalTo(2401));
        given().queryParam("date", "2026-11-16").get("/api/schedule/rooms/1201/day")
                .then().statusCode(200)
                .body("room.building.abbr", equalTo("ГУК"))
                .body("lessons.subject", contains("Распределённые системы", "Операционные системы"));
        given().queryParam("date", "2026-11-20").get("/api/schedule/teachers/15498/week")
                .then().statusCode(200).body("teacher.oid", equalTo(33189));
    }

    @Test
    void errorsComeInTheOneFormat() {
        given().queryParam("date", "2026-11-18").get("/api/schedule/groups/999999/week")
                .then().statusCode(404).body("error_code", equalTo("not_found"))
                .body("details.upstream_message", equalTo("Group not found"));
        given().queryParam("date", "tomorrow").get("/api/schedule/groups/35384/week")
                .then().statusCode(400).body("error_code", equalTo("validation_error"))
                .body("details.fields.date", containsString("YYYY-MM-DD"));
        given().get("/api/schedule/groups/resolve")
                .then().statusCode(400).body("details.fields.faculty_abbr", equalTo("must not be blank"));
        given().get("/nope").then().statusCode(404).body("error_code", equalTo("not_found"));
        ruz.stubFor(get(urlPathEqualTo("/teachers/777/scheduler")).willReturn(okJson("{}").withFixedDelay(1_200)));
        given().queryParam("date", "2026-11-18").get("/api/schedule/teachers/777/week")
                .then().statusCode(504).body("error_code", equalTo("upstream_timeout"));
        ruz.stubFor(get(urlPathEqualTo("/teachers/778/scheduler")).willReturn(okJson("not json")));
        given().queryParam("date", "2026-11-18").get("/api/schedule/teachers/778/week")
                .then().statusCode(502).body("error_code", equalTo("bad_upstream_response"));
    }

    @Test
    void concurrentIdenticalRequestsShareOneRuzCall() throws Exception {
        ruz.stubFor(get(urlPathEqualTo("/buildings/24/rooms/2401/scheduler"))
                .willReturn(okJson("{\"week\":{\"date_start\":\"2026.11.16\",\"date_end\":\"2026.11.22\",\"is_odd\":true},\"days\":[]}")
                        .withFixedDelay(300)));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/api/schedule/rooms/2401/day?building_id=24&date=2026-11-18")).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertEquals(200, call.get().statusCode());
        }
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/buildings/24/rooms/2401/scheduler")));
    }

    @Test
    void requestIdTravelsAndOperationsEndpointsAnswer() {
        given().header("X-Request-Id", "it-req-1").get("/api/schedule/buildings/11/rooms")
                .then().statusCode(200).header("X-Request-Id", "it-req-1");
        ruz.verify(getRequestedFor(urlPathEqualTo("/buildings/11/rooms")).withHeader("X-Request-Id", WireMock.equalTo("it-req-1")));
        given().get("/health/liveness").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("schedule_cache_requests_total"));
        given().get("/openapi").then().statusCode(200).body(containsString("/api/schedule/rooms/{room_id}/day"));
    }
}
