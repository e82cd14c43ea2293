package edu.campus.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.TestDatabase;
import edu.campus.traffic.support.TrafficTestBase;
import edu.campus.traffic.support.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * common-db's pool bounds: with every connection taken, at most {@code campus.db.max-wait-queue} requests wait, for at most
 * {@code campus.db.pool-wait-timeout}; the rest are refused at once. Every refusal is a 503 database_unavailable, and the
 * pool serves again as soon as a connection comes back.
 */
@QuarkusTest
@TestProfile(PoolBoundsTest.TinyPool.class)
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "traffic_test"))
@WithTestResource(Upstreams.class)
class PoolBoundsTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "2", "campus.db.max-wait-queue", "3",
                    "campus.db.pool-wait-timeout", "1500ms");
        }
    }

    @Inject
    Pool db;

    @Test
    void aFullPoolQueuesABoundedFewAndRefusesTheRestAt503() throws Exception {
        String admin = TrafficTestBase.adminToken();
        TrafficTestBase.as(admin).get("/api/traffic/admin/kiosks").then().statusCode(200);
        // the test takes both connections (as a stuck statement would)
        List<SqlConnection> held = List.of(db.getConnection().await().indefinitely(), db.getConnection().await().indefinitely());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<CompletableFuture<long[]>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                long started = System.nanoTime();
                Response r = TrafficTestBase.as(admin).get("/api/traffic/admin/kiosks");
                assertTrue(r.asString().contains("database_unavailable"), r.asString());
                return new long[] { r.statusCode(), (System.nanoTime() - started) / 1_000_000 };
            }, pool));
        }
        int quick = 0;
        for (CompletableFuture<long[]> call : calls) {
            long[] answer = call.get();
            assertEquals(503, answer[0]);
            assertTrue(answer[1] < 4000, "answered within the wait bound: " + answer[1] + " ms");
            if (answer[1] < 1000) {
                quick++;
            }
        }
        // 3 waited their 1.5 s, the other 7 were refused without waiting
        assertTrue(quick >= 6, quick + " refused at once");
        held.forEach(connection -> connection.close().await().indefinitely());
        TrafficTestBase.as(admin).get("/api/traffic/admin/kiosks").then().statusCode(200);
        pool.shutdown();
    }
}
