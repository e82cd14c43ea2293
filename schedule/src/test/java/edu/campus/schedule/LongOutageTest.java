package edu.campus.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import edu.campus.schedule.support.ScheduleTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * RUZ down for a long stretch: every key read while it was up keeps being answered (stale, with its age), never a 5xx,
 * as long as the copy is within the stale maximum age (24 h). The clock is the test's; RUZ fails every way it can.
 */
@QuarkusTest
class LongOutageTest extends ScheduleTestBase {

    private static final List<String> KEYS = List.of("/api/schedule/groups/35384/week?date=2026-11-18",
            "/api/schedule/groups/35385/week?date=2026-11-18", "/api/schedule/teachers/15498/week?date=2026-11-18",
            "/api/schedule/buildings", "/api/schedule/buildings/11/rooms", "/api/schedule/buildings/24/rooms",
            "/api/schedule/teachers", "/api/schedule/rooms/1201/day?date=2026-11-18&building_id=11",
            "/api/schedule/groups/resolve?faculty_abbr=ИКНК&group_name=5130904/30105");

    @Test
    void everyCachedKeyIsServedStaleThroughTwentyHoursOfOutageAndNoneIs5xx() {
        Map<String, Integer> warm = new TreeMap<>();
        for (String key : KEYS) {
            warm.put(key, given().get(key).statusCode());
        }
        List<String> cached = KEYS.stream().filter(key -> warm.get(key) == 200).toList();
        assertTrue(cached.size() >= 7, "fixtures answered " + warm);

        // RUZ goes away: errors, resets, garbage, in turn
        Map<String, Integer> statuses = new TreeMap<>();
        int[] faults = { 0 };
        for (int hour = 0; hour < 20; hour++) {
            switch (faults[0]++ % 3) {
                case 0 -> ruz.stubFor(get(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));
                case 1 -> ruz.stubFor(get(anyUrl()).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
                default -> ruz.stubFor(get(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(502).withBody("<html>")));
            }
            time.advance(Duration.ofHours(1));
            for (String key : cached) {
                Response answer = given().get(key);
                statuses.merge(String.valueOf(answer.statusCode()), 1, Integer::sum);
                assertEquals(200, answer.statusCode(), key + " at hour " + (hour + 1) + ": " + answer.asString());
                // timetables (TTL 10 min) are stale from the first hour; reference data (6 h) is fresh for its TTL
                assertTrue(List.of("STALE", "HIT").contains(answer.header("X-Cache")), key);
                assertEquals(String.valueOf((hour + 1) * 3600), answer.header("Age"), key);
            }
        }
        assertEquals(Map.of("200", 20 * cached.size()), statuses);
    }
}
