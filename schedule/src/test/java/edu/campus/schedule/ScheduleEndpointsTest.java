package edu.campus.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import edu.campus.schedule.support.ScheduleTestBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ScheduleEndpointsTest extends ScheduleTestBase {

    @Test
    void resolvesGroupByExactThenCaseInsensitiveFacultyAbbreviation() {
        given().queryParam("faculty_abbr", "ИКНК").queryParam("group_name", "5130904/10101")
                .when().get("/api/schedule/groups/resolve")
                .then().statusCode(200)
                .body("faculty_id", equalTo(95)).body("group_id", equalTo(35384));

        given().queryParam("faculty_abbr", "физмех").queryParam("group_name", "5030102/20001")
                .when().get("/api/schedule/groups/resolve")
                .then().statusCode(200)
                .body("faculty_id", equalTo(122)).body("group_id", equalTo(40001));
    }

    @Test
    void resolveAnswers404InTheErrorFormatForUnknownFacultyOrGroup() {
        given().queryParam("faculty_abbr", "НЕТ").queryParam("group_name", "5130904/10101")
                .when().get("/api/schedule/groups/resolve")
                .then().statusCode(404)
                .body("error_code", equalTo("not_found")).body("details.resource", equalTo("faculty"));

        // the group name must match exactly: a prefix of another group is not that group
        given().queryParam("faculty_abbr", "ИКНК").queryParam("group_name", "5130904/1010")
                .when().get("/api/schedule/groups/resolve")
                .then().statusCode(404)
                .body("error_code", equalTo("not_found")).body("details.resource", equalTo("group"));
    }

    @Test
    void resolveValidatesItsParameters() {
        given().queryParam("faculty_abbr", " ")
                .when().get("/api/schedule/groups/resolve")
                .then().statusCode(400)
                .body("error_code", equalTo("validation_error"))
                .body("details.fields", hasKey("faculty_abbr"))
                .body("details.fields", hasKey("group_name"));
        ruz.verify(0, getRequestedFor(urlPathEqualTo("/faculties")));
    }

    @Test
    void groupWeekIsNormalizedWhateverRuzSent() {
        given().queryParam("date", "2026-11-18")
                .when().get("/api/schedule/groups/35384/week")
                .then().statusCode(200)
                .header("X-Cache", "MISS")
                // week dates came as 2026.11.16
                .body("week.date_start", equalTo("2026-11-16"))
                .body("week.date_end", equalTo("2026-11-22"))
                .body("week.is_odd", equalTo(true))
                .body("group.id", equalTo(35384))
                .body("group.faculty_id", equalTo(95))
                // days sorted by date, lessons by time; "8:00" padded
                .body("days.date", contains("2026-11-16", "2026-11-18"))
                .body("days[0].weekday", equalTo(1))
                .body("days[0].lessons.start_time", contains("08:00", "10:00"))
                .body("days[0].lessons[1].subject", equalTo("Распределённые системы"))
                .body("days[0].lessons[1].type", equalTo("Лекции"))
                .body("days[0].lessons[1].type_abbr", equalTo("Лек"))
                .body("days[0].lessons[1].teachers[0].full_name", equalTo("Ларионенко Артём Александрович"))
                .body("days[0].lessons[1].teachers[0].oid", equalTo(33189))
                .body("days[0].lessons[1].rooms[0].name", equalTo("101"))
                .body("days[0].lessons[1].rooms[0].building.abbr", equalTo("ГУК"))
                .body("days[0].lessons[1].groups[0].faculty_id", equalTo(95))
                // lms_url had a double slash
                .body("days[0].lessons[1].links.lms_url", equalTo("https://lms.spbstu.ru/course/view.php?id=777"))
                .body("days[0].lessons[1].links.webinar_url", equalTo("https://webinar.spbstu.ru/room/42"))
                // unknown RUZ fields are not passed through
                .body("days[0].lessons[1]", not(hasKey("new_ruz_field")))
                .body("days[0].lessons[1]", not(hasKey("typeObj")))
                // null full_name: the shifted name parts, in RUZ's order, read as the full name
                .body("days[0].lessons[0].teachers[0].full_name", equalTo("Петрова Анна Сергеевна"))
                .body("days[0].lessons[0].parity", equalTo(2))
                // teachers and auditories null → empty lists; empty strings → null
                .body("days[1].lessons[0].teachers", empty())
                .body("days[1].lessons[0].rooms", empty())
                .body("days[1].lessons[0].additional_info", nullValue())
                .body("days[1].lessons[0].links.lms_url", nullValue());
        // RUZ was asked for the week's Monday, whatever date the caller gave
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/scheduler/35384")).withQueryParam("date", WireMock.equalTo("2026-11-16")));
    }

    @Test
    void everyDateOfAWeekSharesOneCacheEntry() {
        given().queryParam("date", "2026-11-16").get("/api/schedule/groups/35384/week").then().statusCode(200).header("X-Cache", "MISS");
        given().queryParam("date", "2026-11-22").get("/api/schedule/groups/35384/week").then().statusCode(200).header("X-Cache", "HIT")
                .header("Age", "0");
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/scheduler/35384")));
    }

    @Test
    void unknownGroupIs404WithRuzText() {
        given().queryParam("date", "2026-11-18")
                .when().get("/api/schedule/groups/999999/week")
                .then().statusCode(404)
                .body("error_code", equalTo("not_found"))
                .body("details.upstream", equalTo("ruz"))
                .body("details.upstream_message", equalTo("Group not found"));
    }

    @Test
    void errorObjectInside200IsA404Too() {
        given().queryParam("date", "2026-11-18")
                .when().get("/api/schedule/teachers/424242/week")
                .then().statusCode(404)
                .body("error_code", equalTo("not_found"))
                .body("details.upstream_message", equalTo("Teacher not found"));
    }

    @Test
    void invalidDateOrIdIsA400() {
        given().queryParam("date", "18.11.2026")
                .when().get("/api/schedule/groups/35384/week")
                .then().statusCode(400)
                .body("error_code", equalTo("validation_error"))
                .body("details.fields.date", containsString("YYYY-MM-DD"));
        given().when().get("/api/schedule/groups/0/week")
                .then().statusCode(400).body("error_code", equalTo("validation_error"));
        ruz.verify(0, getRequestedFor(urlPathEqualTo("/scheduler/35384")));
    }

    @Test
    void teachersListCarriesIdOidAndFullName() {
        given().when().get("/api/schedule/teachers")
                .then().statusCode(200)
                .body("teachers", hasSize(3))
                .body("teachers[0].id", equalTo(15498))
                .body("teachers[0].oid", equalTo(33189))
                .body("teachers[0].full_name", equalTo("Ларионенко Артём Александрович"))
                .body("teachers[0]", not(hasKey("chair")))
                .body("teachers[1].full_name", equalTo("Петрова Анна Сергеевна"))
                .body("teachers[2].oid", nullValue());
    }

    @Test
    void teacherWeek() {
        given().queryParam("date", "2026-11-20")
                .when().get("/api/schedule/teachers/15498/week")
                .then().statusCode(200)
                .body("teacher.full_name", equalTo("Ларионенко Артём Александрович"))
                .body("week.date_start", equalTo("2026-11-16"))
                .body("days[0].lessons[0].links.lms_url", equalTo("https://lms.spbstu.ru/course/view.php?id=777"))
                .body("days[0].lessons[0].rooms[0].building.id", equalTo(11));
    }

    @Test
    void buildingsAndRooms() {
        given().when().get("/api/schedule/buildings")
                .then().statusCode(200)
                .body("buildings.id", contains(11, 24))
                .body("buildings[0].abbr", equalTo("ГУК"))
                .body("buildings[0].address", equalTo("Политехническая ул., 29"));
        given().when().get("/api/schedule/buildings/11/rooms")
                .then().statusCode(200)
                .body("building.id", equalTo(11))
                .body("rooms.id", contains(1201, 1202))
                .body("rooms[0].name", equalTo("101"));
    }

    @Test
    void roomDayIsTheRoomsWeekFilteredToTheDate() {
        given().queryParam("date", "2026-11-16").queryParam("building_id", 11)
                .when().get("/api/schedule/rooms/1201/day")
                .then().statusCode(200)
                .body("date", equalTo("2026-11-16"))
                .body("weekday", equalTo(1))
                .body("week.date_start", equalTo("2026-11-16"))
                .body("room.id", equalTo(1201))
                .body("room.building.abbr", equalTo("ГУК"))
                .body("lessons.subject", contains("Распределённые системы", "Операционные системы"))
                .body("lessons[1].rooms", empty())
                .body("lessons[1].teachers[0].full_name", equalTo("Ёлкин Пётр Ильич"));
        // the same week answers the other dates, one of them without lessons
        given().queryParam("date", "2026-11-17").queryParam("building_id", 11)
                .when().get("/api/schedule/rooms/1201/day")
                .then().statusCode(200).header("X-Cache", "HIT")
                .body("lessons", hasSize(1)).body("lessons[0].groups", empty());
        given().queryParam("date", "2026-11-19").queryParam("building_id", 11)
                .when().get("/api/schedule/rooms/1201/day")
                .then().statusCode(200).body("weekday", equalTo(4)).body("lessons", empty());
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/buildings/11/rooms/1201/scheduler")));
    }

    @Test
    void roomDayFindsTheBuildingWhenNotGiven() {
        given().queryParam("date", "2026-11-16")
                .when().get("/api/schedule/rooms/1201/day")
                .then().statusCode(200)
                .body("room.building.id", equalTo(11))
                .body("lessons", hasSize(2));
        given().queryParam("date", "2026-11-16")
                .when().get("/api/schedule/rooms/987654/day")
                .then().statusCode(404)
                .body("error_code", equalTo("not_found"))
                .body("details.resource", equalTo("room"));
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheErrorFormat() {
        given().when().get("/api/schedule/nothing-here")
                .then().statusCode(404).body("error_code", equalTo("not_found")).body("message", notNullValue());
        given().when().post("/api/schedule/teachers")
                .then().statusCode(405).body("error_code", equalTo("method_not_allowed"));
    }

    @Test
    void requestIdIsEchoedAndSentToRuz() {
        given().header("X-Request-Id", "req-test-42")
                .when().get("/api/schedule/buildings")
                .then().statusCode(200).header("X-Request-Id", "req-test-42");
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/buildings")).withHeader("X-Request-Id", WireMock.equalTo("req-test-42")));

        // an id that could inject into logs is replaced by a fresh one
        given().header("X-Request-Id", "bad id\nwith newline")
                .when().get("/api/schedule/buildings")
                .then().statusCode(200).header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/api/schedule/buildings").then().statusCode(200);
        given().get("/api/schedule/buildings").then().statusCode(200);
        given().when().get("/health/liveness").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/health/readiness").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("schedule-cache"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(java.util.regex.Pattern.compile("schedule_cache_requests_total\\{kind=\"reference\",result=\"hit\"\\} [1-9]")
                .matcher(metrics).find(), "cache hits are counted");
        assertThat(metrics, allOf(
                containsString("schedule_ruz_requests_seconds_count{operation=\"buildings\",outcome=\"success\""),
                containsString("ft_circuitbreaker_state_current{method=\"edu.campus.schedule.ruz.RuzGateway.fetch\",state=\"closed\"} 1.0"),
                containsString("http_server_requests_seconds_count")));
        given().when().get("/openapi").then().statusCode(200).body(containsString("/api/schedule/groups/{group_id}/week"));
    }
}
