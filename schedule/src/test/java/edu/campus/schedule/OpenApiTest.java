package edu.campus.schedule;

import static io.restassured.RestAssured.given;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiContract;
import edu.campus.schedule.support.ScheduleTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document's schemas carry the names the answers really have. */
@QuarkusTest
class OpenApiTest extends ScheduleTestBase {

    @Test
    void schemasMatchRealAnswers() {
        OpenApiContract api = OpenApiContract.fetch();
        api.assertAnswerMatches("GroupResolution", given().get("/api/schedule/groups/resolve?faculty_abbr=ИКНК&group_name=5130904/10101")
                .then().statusCode(200).extract().asString());
        String week = given().get("/api/schedule/groups/35384/week?date=2026-11-18").then().statusCode(200).extract().asString();
        api.assertAnswerMatches("Week", week);
        api.assertStatus("/api/schedule/groups/{group_id}/week", "GET", "400");
    }
}
