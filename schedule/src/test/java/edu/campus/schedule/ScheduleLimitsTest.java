package edu.campus.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import edu.campus.schedule.cache.CachedEntry;
import edu.campus.schedule.cache.MemoryCacheStore;
import edu.campus.schedule.support.ScheduleTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** What bounds schedule's work and memory: the date window, the not-found memory, the cache's byte budget. */
@QuarkusTest
class ScheduleLimitsTest extends ScheduleTestBase {

    @Test
    void datesFarFromTodayAre422WithoutAskingRuz() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        for (String path : new String[] { "/api/schedule/groups/35384/week", "/api/schedule/teachers/5/week",
                "/api/schedule/rooms/1201/day" }) {
            given().queryParam("date", today.plusDays(731).toString()).get(path).then().statusCode(422)
                    .body("error_code", equalTo("date_out_of_range")).body("details.latest", equalTo(today.plusDays(730).toString()));
            given().queryParam("date", "1900-01-01").get(path).then().statusCode(422)
                    .body("details.earliest", equalTo(today.minusDays(730).toString()));
        }
        ruz.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void ruzNotFoundIsRememberedForAMinute() {
        for (int i = 0; i < 5; i++) {
            given().queryParam("date", "2026-11-18").get("/api/schedule/groups/999999/week").then().statusCode(404)
                    .body("details.upstream_message", equalTo("Group not found"));
        }
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/scheduler/999999")));
        time.advance(Duration.ofSeconds(61));
        given().queryParam("date", "2026-11-18").get("/api/schedule/groups/999999/week").then().statusCode(404);
        ruz.verify(2, getRequestedFor(urlPathEqualTo("/scheduler/999999")));
    }

    @Test
    void theMemoryStoreIsBoundedByBytesNotEntries() {
        MemoryCacheStore store = new MemoryCacheStore(50_000, Duration.ofHours(1));
        for (int i = 0; i < 40; i++) {
            store.put("week:" + i, new CachedEntry(new byte[4_000], 0), Duration.ofHours(1)).await().indefinitely();
        }
        long held = store.weightedSize();
        assertTrue(held <= 50_000 && held > 40_000, held + " bytes held");
        // a huge answer never takes the store past its budget either (Caffeine may admit it or keep the small ones)
        store.put("huge", new CachedEntry(new byte[45_000], 0), Duration.ofHours(1)).await().indefinitely();
        assertTrue(store.weightedSize() <= 50_000, store.weightedSize() + " bytes held");
        long bodies = 0;
        for (int i = 0; i < 40; i++) {
            CachedEntry entry = store.get("week:" + i).await().indefinitely();
            bodies += entry == null ? 0 : entry.body().length;
        }
        CachedEntry huge = store.get("huge").await().indefinitely();
        bodies += huge == null ? 0 : huge.body().length;
        assertTrue(bodies <= 50_000, bodies + " bytes of answers held");
    }
}
