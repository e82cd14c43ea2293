package edu.campus.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import edu.campus.bot.support.BotTestBase;
import edu.campus.bot.support.Upstreams;
import edu.campus.events.testing.TestBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class NotifierTest extends BotTestBase {

    private static final String DLQ = "bot.notifier.dlq";

    private static long studentId() {
        return ThreadLocalRandom.current().nextLong(1, 1_000_000);
    }

    /** main knows this student's Telegram account. */
    private static void linked(long studentId, long telegramId) {
        Upstreams.server().stubFor(get(urlEqualTo("/api/main/internal/telegram/students/" + studentId))
                .willReturn(okJson("{\"telegram_id\":" + telegramId + ",\"username\":\"tg\",\"linked_at\":\"2026-11-30T10:00:00Z\"}")));
    }

    private static String event(UUID id, String type, int version, Map<String, Object> data) {
        return new JsonObject().put("id", id.toString()).put("type", type).put("version", version)
                .put("occurred_at", OffsetDateTime.now(ZoneOffset.UTC).toString()).put("data", new JsonObject(data)).encode();
    }

    private static UUID statusChanged(long studentId, long application, String to) throws Exception {
        UUID id = UUID.randomUUID();
        publish(id, "services.application.status_changed", event(id, "services.application.status_changed", 1,
                Map.of("application_id", application, "department_id", 3, "student_id", studentId, "from", "pending", "to", to, "by", "executor")));
        return id;
    }

    private static void publish(UUID id, String type, String body) throws Exception {
        TestBroker.publish(type, id.toString(), body);
    }

    private static List<LoggedRequest> sentTo(long chatId) {
        return Upstreams.server().findAll(postRequestedFor(urlEqualTo(Upstreams.SEND)).withRequestBody(matchingJsonPath("$.chat_id",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(chatId)))));
    }

    @Test
    void aStatusChangeReachesTheStudentOnceEvenWhenTheEventComesTwice() throws Exception {
        long student = studentId();
        linked(student, 777_001);
        UUID id = statusChanged(student, 5, "in_progress");
        await("the message", () -> sentTo(777_001).size() == 1);
        JsonObject sent = new JsonObject(sentTo(777_001).get(0).getBodyAsString());
        assertEquals("Заявка №5: в работе.", sent.getString("text"));
        await("delivery recorded", () -> count("select count(*) from deliveries where event_id = $1 and status = 'sent' and telegram_message_id = 4242", id) == 1);
        Upstreams.server().verify(getRequestedFor(urlEqualTo("/api/main/internal/telegram/students/" + student))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching("Bearer .+")));

        // the broker delivers it again (a relay's retry, a redelivery after a consumer's crash); then a marker event:
        // the queue is handled in order, so once the marker is delivered the repeat has been handled
        publish(id, "services.application.status_changed", event(id, "services.application.status_changed", 1,
                Map.of("application_id", 5, "department_id", 3, "student_id", student, "from", "pending", "to", "in_progress", "by", "executor")));
        long marker = studentId();
        linked(marker, 777_002);
        statusChanged(marker, 6, "completed");
        await("the marker", () -> sentTo(777_002).size() == 1);
        assertEquals(1, sentTo(777_001).size());
        assertEquals(1, count("select count(*) from inbox where consumer = 'notifier' and event_id = $1", id));
        assertTrue(new JsonObject(sentTo(777_002).get(0).getBodyAsString()).getString("text").contains("выполнена"));
    }

    @Test
    void theTelegramCallJoinsTheTraceOfTheEvent() throws Exception {
        long student = studentId();
        linked(student, 777_020);
        UUID id = UUID.randomUUID();
        String trace = "0af7651916cd43dd8448eb211c80319c";
        TestBroker.publish("services.application.status_changed", id.toString(), event(id, "services.application.status_changed", 1,
                Map.of("application_id", 9, "department_id", 3, "student_id", student, "from", "pending", "to", "in_progress", "by", "staff")),
                Map.of("traceparent", "00-" + trace + "-b7ad6b7169203331-01"));
        await("the message", () -> sentTo(777_020).size() == 1);
        // main's lookup and Telegram's sendMessage both go out in the event's trace (spans of the bot's own)
        String sent = sentTo(777_020).get(0).getHeader("traceparent");
        assertTrue(sent != null && sent.matches("00-" + trace + "-(?!b7ad6b7169203331)[0-9a-f]{16}-0[01]"), "traceparent " + sent);
        String asked = Upstreams.server().findAll(getRequestedFor(urlEqualTo("/api/main/internal/telegram/students/" + student)))
                .get(0).getHeader("traceparent");
        assertTrue(asked != null && asked.startsWith("00-" + trace + "-"), "traceparent " + asked);
    }

    @Test
    void aReplyIsAnnouncedAndTheStudentsOwnStepsAndUnlinkedStudentsAreNot() throws Exception {
        long student = studentId();
        linked(student, 777_010);
        UUID own = UUID.randomUUID();
        publish(own, "services.application.status_changed", event(own, "services.application.status_changed", 1,
                Map.of("application_id", 7, "department_id", 3, "student_id", student, "from", "pending", "to", "rejected", "by", "student")));
        long unlinked = studentId(); // main answers 404 for them (not stubbed)
        UUID lonely = statusChanged(unlinked, 8, "in_progress");
        UUID reply = UUID.randomUUID();
        publish(reply, "services.application.replied", event(reply, "services.application.replied", 1,
                Map.of("application_id", 7, "reply_id", 70, "department_id", 3, "student_id", student, "by", "staff", "files", 0)));
        await("the reply's message", () -> sentTo(777_010).size() == 1);
        assertTrue(new JsonObject(sentTo(777_010).get(0).getBodyAsString()).getString("text").contains("По заявке №7 пришёл ответ"));
        assertEquals(1, count("select count(*) from inbox where event_id = $1", lonely));
        assertEquals(0, count("select count(*) from deliveries where event_id in ($1, $2)", own, lonely));
    }

    @Test
    void aTeacherHearsThatTheirSessionEndedWithTheMarkCountFromSsosLink() throws Exception {
        long teacher = studentId();
        Upstreams.server().stubFor(get(urlEqualTo("/api/telegram/chats?app=traffic&role=teacher&entity_id=" + teacher))
                .willReturn(okJson("{\"user_id\":5,\"telegram_id\":777070,\"chat_id\":777070}")));
        UUID id = UUID.randomUUID();
        publish(id, "traffic.session.closed", event(id, "traffic.session.closed", 1, Map.of("session_id", 90, "teacher_id", teacher,
                "kiosk_id", 4, "kind", "timetable", "discipline", "Физика", "status", "closed", "reason", "teacher", "marks", 21)));
        UUID orphan = UUID.randomUUID(); // the teacher was deleted: nobody to tell
        publish(orphan, "traffic.session.closed", event(orphan, "traffic.session.closed", 1, Map.of("session_id", 91, "kiosk_id", 4,
                "kind", "adhoc", "discipline", "Консультация", "status", "expired", "reason", "expired", "marks", 0)));
        await("the teacher's message", () -> sentTo(777_070).size() == 1);
        assertEquals("Занятие «Физика» завершено: отмечено 21 студент.",
                new JsonObject(sentTo(777_070).get(0).getBodyAsString()).getString("text"));
        assertEquals(1, count("select count(*) from deliveries where event_id = $1 and recipient = $2", id, "traffic:teacher:" + teacher));
    }

    @Test
    void a429IsWaitedOutForItsRetryAfterThenSentOnce() throws Exception {
        long student = studentId();
        linked(student, 777_020);
        Upstreams.server().stubFor(post(urlEqualTo(Upstreams.SEND)).inScenario("flood").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}"))
                .willSetStateTo("calm"));
        UUID id = statusChanged(student, 9, "in_progress");
        await("sent after the wait", () -> count("select count(*) from deliveries where event_id = $1 and status = 'sent'", id) == 1);
        List<LoggedRequest> calls = sentTo(777_020);
        assertEquals(2, calls.size());
        long gap = calls.get(1).getLoggedDate().getTime() - calls.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 950, "the second try waited for retry_after (1 s), not " + gap + " ms");
        assertEquals(1, count("select attempts from deliveries where event_id = $1", id));
    }

    @Test
    void aUserWhoBlockedTheBotIsMarkedAndNotWrittenToUntilTheyWriteAgain() throws Exception {
        long student = studentId();
        linked(student, 777_030);
        Upstreams.server().stubFor(post(urlEqualTo(Upstreams.SEND)).withRequestBody(matchingJsonPath("$.chat_id",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("777030"))).willReturn(aResponse().withStatus(403)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}")));
        UUID first = statusChanged(student, 10, "in_progress");
        await("blocked", () -> count("select count(*) from deliveries where event_id = $1 and status = 'blocked'", first) == 1);
        assertEquals(1, count("select count(*) from chats where chat_id = 777030 and status = 'blocked'"));
        UUID second = statusChanged(student, 10, "completed");
        await("skipped", () -> count("select count(*) from deliveries where event_id = $1 and status = 'skipped'", second) == 1);
        assertEquals(1, sentTo(777_030).size());
        // the user writes to the bot again: the chat is reachable
        webhook(message(ThreadLocalRandom.current().nextLong(1, 1_000_000_000L), 777_030, "/help")).statusCode(200);
        assertEquals(1, count("select count(*) from chats where chat_id = 777030 and status = 'active'"));
    }

    @Test
    void telegramsOwnTroubleIsRetriedAndTheMessageSentOnce() throws Exception {
        long student = studentId();
        linked(student, 777_040);
        Upstreams.server().stubFor(post(urlEqualTo(Upstreams.SEND)).inScenario("hiccup").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502).withBody("<html>bad gateway</html>")).willSetStateTo("fine"));
        UUID id = statusChanged(student, 11, "in_progress");
        await("sent", () -> count("select count(*) from deliveries where event_id = $1 and status = 'sent'", id) == 1);
        assertEquals(2, sentTo(777_040).size());
        assertEquals(2, count("select attempts from deliveries where event_id = $1", id));
    }

    @Test
    void aPoisonMessageAndAnEventThatKeepsFailingGoToTheDeadLetterQueueWithoutBlockingTheQueue() throws Exception {
        TestBroker.drain(DLQ);
        UUID poison = UUID.randomUUID();
        publish(poison, "services.application.status_changed", "this is not an event");
        UUID future = UUID.randomUUID();
        publish(future, "services.application.status_changed", event(future, "services.application.status_changed", 9, Map.of("x", 1)));
        // main is down for this student: tried max-attempts times, then parked
        long unlucky = studentId();
        Upstreams.server().stubFor(get(urlEqualTo("/api/main/internal/telegram/students/" + unlucky)).willReturn(aResponse().withStatus(503)));
        UUID failing = statusChanged(unlucky, 12, "in_progress");
        // the queue moves on
        long next = studentId();
        linked(next, 777_050);
        statusChanged(next, 13, "in_progress");
        await("the next event's message", () -> sentTo(777_050).size() == 1);

        List<String> parked = new java.util.ArrayList<>();
        await("three parked messages", () -> {
            try {
                parked.addAll(TestBroker.drain(DLQ));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return parked.size() >= 3;
        });
        assertTrue(parked.contains("this is not an event"));
        assertTrue(parked.stream().anyMatch(body -> body.contains(future.toString())));
        assertTrue(parked.stream().anyMatch(body -> body.contains(failing.toString())));
        // main was asked once per try (its client's own retries aside: at least the notifier's three tries), nothing planned
        assertTrue(Upstreams.server().findAll(getRequestedFor(urlPathMatching("/api/main/internal/telegram/students/" + unlucky))).size() >= 3);
        assertEquals(0, count("select count(*) from inbox where event_id = $1", failing));
        assertEquals(0, count("select count(*) from deliveries where event_id = $1", failing));
    }

    @Test
    void perChatMessagesAreSpacedOutAndTheTokenIsInThePathOnly() throws Exception {
        long student = studentId();
        linked(student, 777_060);
        for (int i = 0; i < 3; i++) {
            statusChanged(student, 20 + i, "in_progress");
        }
        await("three messages", () -> sentTo(777_060).size() == 3);
        List<LoggedRequest> calls = sentTo(777_060);
        for (int i = 1; i < calls.size(); i++) {
            long gap = calls.get(i).getLoggedDate().getTime() - calls.get(i - 1).getLoggedDate().getTime();
            assertTrue(gap >= 190, "messages to one chat at least per-chat-interval (200 ms in tests) apart, not " + gap + " ms");
        }
        assertEquals(Upstreams.SEND, calls.get(0).getUrl());
    }
}
