package edu.campus.main;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.common.launch.LaunchTokenVerifier;
import edu.campus.common.testing.TestInitData;
import edu.campus.common.token.KeySet;
import static edu.campus.main.support.MainTestBase.BOT_TOKEN;
import static edu.campus.main.support.MainTestBase.as;
import static edu.campus.main.support.MainTestBase.casUser;
import static edu.campus.main.support.MainTestBase.signIn;

import org.junit.jupiter.api.BeforeEach;

import edu.campus.common.testing.TestDatabase;
import edu.campus.main.support.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/** The student's flows against the packaged (or native) artifact, over HTTP only (MainTestBase's static helpers). */
@QuarkusIntegrationTest
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "main_test"))
@WithTestResource(Upstreams.class)
class MainIT {

    @BeforeEach
    void resetUpstreams() {
        Upstreams.reset();
    }

    @Test
    void casSignInSessionLaunchTokenAndTelegram() {
        Map<String, String> session = signIn(casUser(), Map.of("cn", List.of("Нативный Студент")));
        as(session).get("/api/main/me").then().statusCode(200).body("full_name", equalTo("Нативный Студент"));
        String refreshed = given().contentType(ContentType.JSON).body(Map.of("refresh_token", session.get("refresh_token")))
                .post("/api/main/auth/refresh").then().statusCode(200).extract().path("refresh_token");
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", session.get("refresh_token")))
                .post("/api/main/auth/refresh").then().statusCode(401).body("error_code", equalTo("refresh_token_reused"));
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshed)).post("/api/main/auth/refresh").then().statusCode(401);

        Map<String, String> fresh = signIn();
        String token = as(fresh).post("/api/main/miniapps/traffic/launch").then().statusCode(200).extract().path("launch_token");
        String jwks = "http://localhost:" + RestAssured.port + "/api/main/.well-known/jwks.json";
        LaunchTokenVerifier traffic = new LaunchTokenVerifier(List.of(), "campus-main", "traffic", new KeySet("main",
                () -> Uni.createFrom().item(() -> given().get(jwks).then().statusCode(200).extract().asString()), Duration.ofMinutes(5),
                System::currentTimeMillis));
        assertEquals(Long.parseLong(fresh.get("student_id")), traffic.verify(token).await().indefinitely().studentId());

        long telegram = 7_000_000_000L + (System.nanoTime() % 1_000_000_000L);
        as(fresh).contentType(ContentType.JSON).body(Map.of("init_data", TestInitData.of(BOT_TOKEN, telegram, Instant.now().getEpochSecond() - 2)))
                .post("/api/main/me/telegram").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("init_data", TestInitData.of(BOT_TOKEN, telegram, Instant.now().getEpochSecond() - 1)))
                .post("/api/main/auth/telegram").then().statusCode(200).body("student_id", equalTo(Integer.parseInt(fresh.get("student_id"))));
        given().get("/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void gradebookAndTimetable() {
        String user = casUser();
        Map<String, String> session = signIn(user, Map.of());
        var lk = Upstreams.server();
        lk.stubFor(get(urlPathEqualTo("/lk/accounts/basic-login/")).willReturn(aResponse().withHeader("Set-Cookie", "csrftoken=csrf-one; Path=/")));
        lk.stubFor(post(urlPathEqualTo("/lk/accounts/basic-login/")).withRequestBody(containing("password=native-pass"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/")
                        .withHeader("Set-Cookie", "sessionid=native-session; Path=/", "csrftoken=csrf-two; Path=/")));
        lk.stubFor(post(urlPathEqualTo("/lk/science-and-education/recordbook/get_record_book_data_ajax"))
                .withHeader("Cookie", containing("sessionid=native-session")).willReturn(okJson(GradebookTest.BOOK)));
        as(session).contentType(ContentType.JSON).body(Map.of("password", "native-pass", "record_book_number", "2020-1"))
                .post("/api/main/gradebook/connect").then().statusCode(200)
                .body("academic_years.label", contains("2024/2025", "2023/2024", "other"));
        as(session).get("/api/main/gradebook").then().statusCode(200).body("stale", equalTo(false));

        lk.stubFor(get(urlPathEqualTo("/api/schedule/groups/resolve")).willReturn(okJson("{\"faculty_id\": 95, \"group_id\": 40123}")));
        lk.stubFor(get(urlPathEqualTo("/api/schedule/groups/40123/week")).willReturn(okJson(TimetableTest.WEEK)));
        as(session).contentType(ContentType.JSON).body(Map.of("group_name", "5130904/20102", "faculty_abbr", "ИКНК"))
                .put("/api/main/me/group").then().statusCode(200);
        as(session).get("/api/main/schedule/week?date=2026-12-01").then().statusCode(200)
                .body("days[0].lessons[0].subject", equalTo("Математический анализ"));
    }
}
