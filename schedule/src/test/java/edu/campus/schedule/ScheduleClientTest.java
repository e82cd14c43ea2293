package edu.campus.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.common.error.ApiException;
import edu.campus.common.schedule.ScheduleModel.RoomDay;
import edu.campus.common.schedule.ScheduleModel.Week;
import edu.campus.common.schedule.client.ScheduleClient;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.schedule.support.ScheduleTestBase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * common-schedule-client's ScheduleClient, as traffic and main use it, against this gateway (which runs against fake RUZ):
 * the contract both sides share is checked end to end.
 */
@QuarkusTest
class ScheduleClientTest extends ScheduleTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ScheduleClient schedule;

    @Test
    void readsTheNormalizedShapes() {
        Week week = schedule.groupWeek(35384, LocalDate.parse("2026-11-18")).await().atMost(WAIT);
        assertEquals(LocalDate.parse("2026-11-16"), week.week().dateStart());
        assertEquals(35384, week.group().id());
        assertEquals("08:00", week.days().get(0).lessons().get(0).startTime());

        RoomDay day = schedule.roomDay(1201, 11L, LocalDate.parse("2026-11-16")).await().atMost(WAIT);
        assertEquals(2, day.lessons().size());
        assertEquals(15498, day.lessons().get(0).teachers().get(0).id());

        assertEquals(3, schedule.teachers().await().atMost(WAIT).teachers().size());
        assertEquals(35384, schedule.resolveGroup("ИКНК", "5130904/10101").await().atMost(WAIT).groupId());
        assertEquals(2, schedule.rooms(11).await().atMost(WAIT).rooms().size());
        assertEquals(2, schedule.buildings().await().atMost(WAIT).buildings().size());
    }

    @Test
    void aNotFoundStaysANotFoundForTheCaller() {
        ApiException e = assertThrows(ApiException.class,
                () -> schedule.groupWeek(999999, LocalDate.parse("2026-11-18")).await().atMost(WAIT));
        assertEquals(404, e.status());
        assertEquals("not found in the timetable", e.getMessage());
    }

    @Test
    void anUpstreamFailureBehindTheGatewayIsTypedForTheCaller() {
        ruz.stubFor(get(urlPathEqualTo("/buildings")).willReturn(aResponse().withStatus(500)));
        RuntimeException e = assertThrows(RuntimeException.class, () -> schedule.buildings().await().atMost(WAIT));
        UpstreamException upstream = assertInstanceOf(UpstreamException.Unavailable.class, e);
        assertEquals("schedule", upstream.upstream());
        assertEquals(503, upstream.status());
    }
}
