package edu.campus.main;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import edu.campus.main.support.MainTestBase;
import edu.campus.main.support.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
public class TimetableTest extends MainTestBase {

    public static final String WEEK = """
            {"week": {"date_start": "2026-11-30", "date_end": "2026-12-06", "is_odd": false}, "days": [
              {"weekday": 2, "date": "2026-12-01", "lessons": [
                {"subject": "Математический анализ", "type": "Лекции", "start_time": "10:00", "end_time": "11:35",
                 "parity": 0, "teachers": [], "rooms": [], "groups": []}]}]}""";

    @Test
    void aStudentChoosesAGroupOnceAndGetsItsWeek() {
        Map<String, String> session = signIn();
        as(session).get("/api/main/schedule/week?date=2026-12-01").then().statusCode(409)
                .body("error_code", Matchers.equalTo("group_required"));
        Upstreams.server().stubFor(get(urlPathEqualTo("/api/schedule/groups/resolve")).withQueryParam("faculty_abbr", equalTo("ИКНК"))
                .withQueryParam("group_name", equalTo("5130904/20102")).willReturn(okJson("{\"faculty_id\": 95, \"group_id\": 40123}")));
        as(session).contentType(ContentType.JSON).body(Map.of("group_name", " 5130904/20102 ", "faculty_abbr", "ИКНК"))
                .put("/api/main/me/group").then().statusCode(200)
                .body("group_name", Matchers.equalTo("5130904/20102")).body("ruz_group_id", Matchers.equalTo(40123))
                .body("group_required", Matchers.equalTo(false));
        Upstreams.server().stubFor(get(urlPathEqualTo("/api/schedule/groups/40123/week")).withQueryParam("date", equalTo("2026-12-01"))
                .willReturn(okJson(WEEK)));
        for (int i = 0; i < 2; i++) {
            as(session).get("/api/main/schedule/week?date=2026-12-01").then().statusCode(200)
                    .body("days[0].lessons[0].subject", Matchers.equalTo("Математический анализ"));
        }
        // resolved once, when the group was chosen
        Upstreams.server().verify(1, getRequestedFor(urlPathEqualTo("/api/schedule/groups/resolve")));
        // the group is in the student's next launch tokens
        assertEquals("5130904/20102", db.preparedQuery("select group_name from students where id = $1")
                .execute(Tuple.of(Long.parseLong(session.get("student_id")))).await().indefinitely().iterator().next().getString(0));
    }

    @Test
    void anUnknownGroupIsA422AndBadInputA400() {
        Map<String, String> session = signIn();
        as(session).contentType(ContentType.JSON).body(Map.of("group_name", "nope", "faculty_abbr", "X"))
                .put("/api/main/me/group").then().statusCode(422).body("error_code", Matchers.equalTo("group_not_found"));
        as(session).contentType(ContentType.JSON).body(Map.of("group_name", "\u2003", "faculty_abbr", "X"))
                .put("/api/main/me/group").then().statusCode(400);
        as(session).get("/api/main/schedule/week?date=2026-13-01").then().statusCode(400).body("error_code", Matchers.equalTo("validation_error"));
    }

    @Test
    void scheduleDownIsA503() {
        Map<String, String> session = signIn();
        Upstreams.server().stubFor(get(urlPathEqualTo("/api/schedule/groups/resolve")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(503)));
        as(session).contentType(ContentType.JSON).body(Map.of("group_name", "5130904/20102", "faculty_abbr", "ИКНК"))
                .put("/api/main/me/group").then().statusCode(503).body("error_code", Matchers.equalTo("upstream_unavailable"));
    }
}
