package edu.campus.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.events.EventsConfig;
import edu.campus.events.Outbox;
import edu.campus.events.OutboxRelay;
import edu.campus.services.support.ServicesTestBase;
import edu.campus.events.testing.TestBroker;
import edu.campus.events.testing.TestBroker.Received;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Events through the outbox to a real RabbitMQ: written with the change (or not at all), published once each, kept while
 * the broker is down and delivered when it is back, never twice when two relays run at once.
 */
@QuarkusTest
class OutboxTest extends ServicesTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    Vertx vertx;
    @Inject
    EventsConfig config;
    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;

    private long count(String sql) {
        return db.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void eachChangePublishesItsEventOnceWithItsIdAsTheMessageId() throws Exception {
        List<Received> received = TestBroker.listen("services.application.*");
        long dept = department("Деканат");
        long service = service(dept, "Справка", FORM, false);
        long staff = staffOf(dept, "Сотрудник");
        long executor = executorOf(dept, "Исполнитель");
        long app = application(service, 31);
        jsonAs(staff(staff)).body(Map.of("executor_id", executor)).put("/api/services/desk/applications/" + app + "/executor").then().statusCode(200);
        jsonAs(executor(executor)).body(Map.of("status", "in_progress")).post("/api/services/desk/applications/" + app + "/status").then()
                .statusCode(200);
        jsonAs(executor(executor)).body(Map.of("message", "Готово")).post("/api/services/desk/applications/" + app + "/replies").then()
                .statusCode(200);
        jsonAs(executor(executor)).body(Map.of("status", "pending")).post("/api/services/desk/applications/" + app + "/status").then()
                .statusCode(409); // refused: no event

        await("four events", () -> received.size() >= 4);
        Thread.sleep(300);
        assertEquals(List.of("services.application.submitted", "services.application.assigned", "services.application.status_changed",
                "services.application.replied"), received.stream().map(Received::routingKey).toList());
        JsonNode submitted = JSON.readTree(received.get(0).body());
        assertEquals(received.get(0).messageId(), submitted.get("id").asText());
        assertEquals(1, submitted.get("version").asInt());
        assertEquals(app, submitted.at("/data/application_id").asLong());
        assertEquals(31, submitted.at("/data/student_id").asLong());
        assertEquals(1, submitted.at("/data/files").asInt());
        JsonNode changed = JSON.readTree(received.get(2).body());
        assertEquals("pending", changed.at("/data/from").asText());
        assertEquals("in_progress", changed.at("/data/to").asText());
        assertEquals("executor", changed.at("/data/by").asText());
        assertTrue(received.stream().noneMatch(r -> r.body().contains("Готово") || r.body().contains("visa")),
                "no answers or reply text in events");
        assertEquals(4, received.stream().map(Received::messageId).distinct().count());
        await("all marked sent", () -> count("select count(*) from outbox where sent_at is null") == 0);
    }

    @Test
    void anEventCarriesTheTraceOfTheRequestThatWroteIt() throws Exception {
        List<Received> received = TestBroker.listen("services.application.submitted");
        long service = service(department("Деканат"), "Справка", FORM, false);
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        long app = submit(student(41), answers()).header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .multiPart("scan", "scan.pdf", PDF, "application/pdf")
                .post("/api/services/catalog/" + service + "/applications").then().statusCode(201).extract().jsonPath().getLong("id");

        await("the event", () -> !received.isEmpty());
        Object header = received.get(0).headers().get("traceparent");
        // the same trace, a span of this service's own (the request's), W3C's format
        assertTrue(header != null && header.toString().matches("00-" + trace + "-(?!00f067aa0ba902b7)[0-9a-f]{16}-0[01]"),
                "traceparent " + header);
        assertEquals(header.toString(), db.preparedQuery("select traceparent from outbox where payload->'data'->>'application_id' = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(Long.toString(app))).await().indefinitely().iterator().next().getString(0));
        // a request without one starts a trace of its own, and its event carries that
        long other = application(service, 42);
        await("the second event", () -> received.size() == 2);
        String fresh = received.get(1).headers().get("traceparent").toString();
        assertTrue(fresh.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]") && !fresh.contains(trace), fresh);
        assertEquals(other, JSON.readTree(received.get(1).body()).at("/data/application_id").asLong());
    }

    @Test
    void anEventCommitsOrRollsBackWithItsChange() {
        assertThrows(IllegalStateException.class, () -> db.withTransaction(tx -> outbox.add(tx, "services.application.submitted", 1, Map.of("x", 1))
                .flatMap(id -> Uni.createFrom().<Void> failure(new IllegalStateException("the change failed")))).await().indefinitely());
        assertEquals(0, count("select count(*) from outbox"));
        // a refused submit writes neither the application nor its event
        long service = service(department("Деканат"), "Справка", FORM, false);
        submit(student(1), "{\"reason\":\"nope\"}").post("/api/services/catalog/" + service + "/applications").then().statusCode(400);
        assertEquals(0, count("select count(*) from outbox"));
    }

    @Test
    void whileTheBrokerIsDownEventsWaitAndTheServiceKeepsAnswering() throws Exception {
        List<Received> received = TestBroker.listen("services.#");
        long service = service(department("Деканат"), "Справка", FORM, false);
        TestBroker.cut();
        for (int i = 0; i < 5; i++) {
            application(service, 100 + i);
        }
        Thread.sleep(1500); // the relay tried (and failed) meanwhile
        assertEquals(5, count("select count(*) from outbox where sent_at is null"));
        assertEquals(0, received.size());
        TestBroker.mend();
        await("five events after the broker came back", () -> received.size() >= 5);
        Thread.sleep(500);
        assertEquals(5, received.size());
        assertEquals(5, received.stream().map(Received::messageId).distinct().count());
        assertEquals(0, count("select count(*) from outbox where sent_at is null"));
    }

    @Test
    void twoRelaysNeverPublishOneEventTwice() throws Exception {
        List<Received> received = TestBroker.listen("services.#");
        TestBroker.cut(); // the service's own relay cannot publish while the events are written
        db.withTransaction(tx -> {
            Uni<?> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < 350; i++) {
                int n = i;
                chain = chain.flatMap(ignored -> outbox.add(tx, "services.application.submitted", 1, Map.of("n", n)));
            }
            return chain;
        }).await().indefinitely();
        OutboxRelay second = new OutboxRelay(vertx, db, config, new SimpleMeterRegistry(), url, Optional.of("postgres"), Optional.empty());
        TestBroker.mend();
        // a relay whose connection the cut left half-open fails its first round and tries again, as its own loop would
        var one = relay.publishPending().onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(5).subscribeAsCompletionStage();
        var two = second.publishPending().onFailure().retry().withBackOff(Duration.ofMillis(200)).atMost(5).subscribeAsCompletionStage();
        int published = one.get() + two.get();
        await("350 events", () -> received.size() >= 350);
        Thread.sleep(1000);
        Set<String> ids = new HashSet<>();
        received.forEach(r -> ids.add(r.messageId()));
        assertEquals(350, ids.size());
        assertEquals(350, received.size(), "no event published twice");
        assertTrue(published <= 350, published + " published by the two relays");
        assertEquals(0, count("select count(*) from outbox where sent_at is null"));
    }
}
