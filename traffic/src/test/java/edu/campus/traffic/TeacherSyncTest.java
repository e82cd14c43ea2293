package edu.campus.traffic;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.support.FakeSso;
import edu.campus.traffic.support.TrafficTestBase;
import edu.campus.traffic.support.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
class TeacherSyncTest extends TrafficTestBase {

    /** schedule's teacher list: RUZ ids base+1..base+n named "Teacher {i}" (or as renamed). */
    private static void stubTeachers(long base, int n, Map<Integer, String> renamed, int delayMs) {
        StringBuilder json = new StringBuilder("{\"teachers\":[");
        for (int i = 1; i <= n; i++) {
            if (i > 1) {
                json.append(',');
            }
            json.append("{\"id\":").append(base + i).append(",\"oid\":null,\"full_name\":\"")
                    .append(renamed.getOrDefault(i, "Teacher " + i)).append("\"}");
        }
        json.append("]}");
        Upstreams.server().stubFor(get(urlEqualTo("/api/schedule/teachers"))
                .willReturn(okJson(json.toString()).withFixedDelay(delayMs)));
    }

    private static JsonPath runToEnd() {
        long id = as(adminToken()).post("/api/traffic/admin/teacher-sync").then().statusCode(202).body("status", equalTo("running"))
                .extract().jsonPath().getLong("id");
        for (int i = 0; i < 200; i++) {
            JsonPath status = as(adminToken()).get("/api/traffic/admin/teacher-sync").then().statusCode(200).extract().jsonPath();
            if (status.get("running") == null && status.get("last") != null && status.getLong("last.id") == id) {
                return status;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the sync did not finish");
    }

    /** SSO holds exactly traffic's teachers, each under its traffic id, with its current name. */
    private void assertSsoInStep() {
        Map<Long, String> local = new HashMap<>();
        for (Row row : db.query("select id, full_name from teachers").execute().await().indefinitely()) {
            local.put(row.getLong("id"), row.getString("full_name"));
        }
        assertEquals(local, FakeSso.accounts);
        assertEquals(0, FakeSso.withoutEntityId.get(), "SSO was never sent a teacher without entity_id");
    }

    @Test
    void freshRunThenAnIdempotentRerunThenOneChange() {
        long base = random();
        stubTeachers(base, 120, Map.of(), 0);
        JsonPath first = runToEnd();
        assertEquals("succeeded", first.getString("last.status"));
        assertEquals(120, first.getInt("last.fetched"));
        assertEquals(120, first.getInt("last.created"));
        assertEquals(120, first.getInt("last.provisioned"));
        assertEquals(0, first.getInt("last.pending"));
        assertEquals(List.of(50, 50, 20), FakeSso.batchSizes);
        assertSsoInStep();

        // nothing changed: nothing written, SSO not called
        var before = db.query("select sum(xmin::text::bigint) from teachers").execute().await().indefinitely().iterator().next().getValue(0);
        FakeSso.batchSizes.clear();
        JsonPath second = runToEnd();
        assertEquals("succeeded", second.getString("last.status"));
        assertEquals(0, second.getInt("last.created"));
        assertEquals(0, second.getInt("last.updated"));
        assertEquals(120, second.getInt("last.unchanged"));
        assertEquals(0, second.getInt("last.provisioned"));
        assertEquals(List.of(), FakeSso.batchSizes);
        var after = db.query("select sum(xmin::text::bigint) from teachers").execute().await().indefinitely().iterator().next().getValue(0);
        assertEquals(before, after, "no teacher row was rewritten");

        stubTeachers(base, 121, Map.of(7, "Teacher Seven Renamed"), 0);
        JsonPath third = runToEnd();
        assertEquals(1, third.getInt("last.created"));
        assertEquals(1, third.getInt("last.updated"));
        assertEquals(119, third.getInt("last.unchanged"));
        assertEquals(2, third.getInt("last.provisioned"));
        assertEquals(List.of(2), FakeSso.batchSizes);
        assertSsoInStep();
    }

    @Test
    void ssoFailingHalfwayIsResumedByTheNextRun() {
        long base = random();
        stubTeachers(base, 200, Map.of(), 0);
        FakeSso.batchesBeforeFailure.set(2); // two batches of 50 get through, then SSO is down
        JsonPath failed = runToEnd();
        assertEquals("failed", failed.getString("last.status"));
        assertEquals(200, failed.getInt("last.created"));
        assertEquals(100, failed.getInt("last.provisioned"));
        assertEquals(100, failed.getInt("last.pending"));
        long stoppedAfter = failed.getLong("last.stopped_at_teacher_id");
        assertEquals(100, FakeSso.accounts.size());
        assertTrue(FakeSso.accounts.keySet().stream().allMatch(id -> id <= stoppedAfter));
        assertEquals(0, FakeSso.withoutEntityId.get());
        as(adminToken()).get("/api/traffic/admin/teachers?sso_pending=true&size=1").then().body("total", equalTo(100));

        FakeSso.batchesBeforeFailure.set(-1); // SSO is back
        JsonPath resumed = runToEnd();
        assertEquals("succeeded", resumed.getString("last.status"));
        assertEquals(0, resumed.getInt("last.created"));
        assertEquals(100, resumed.getInt("last.provisioned"));
        assertEquals(0, resumed.getInt("last.pending"));
        assertSsoInStep();
    }

    @Test
    void itemsSsoRefusesStayPendingWithTheirError() {
        long base = random();
        stubTeachers(base, 3, Map.of(2, "Refused Teacher"), 0);
        JsonPath run = runToEnd();
        assertEquals("succeeded", run.getString("last.status"));
        assertEquals(2, run.getInt("last.provisioned"));
        assertEquals(1, run.getInt("last.failed"));
        assertEquals(1, run.getInt("last.pending"));
        as(adminToken()).get("/api/traffic/admin/teachers?sso_pending=true").then().body("total", equalTo(1))
                .body("items[0].full_name", equalTo("Refused Teacher")).body("items[0].sso_status", equalTo("pending"))
                .body("items[0].sso_error", equalTo("conflict: refused by the fake"));
    }

    @Test
    void twoConcurrentTriggersStartOneRun() throws Exception {
        stubTeachers(random(), 10, Map.of(), 800);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> as(adminToken()).post("/api/traffic/admin/teacher-sync").then().extract().statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> call : calls) {
            statuses.add(call.get());
        }
        statuses.sort(null);
        assertEquals(List.of(202, 409), statuses);
        as(adminToken()).post("/api/traffic/admin/teacher-sync").then().statusCode(409).body("error_code", equalTo("sync_in_progress"))
                .body("details.run_id", org.hamcrest.Matchers.notNullValue());
        assertEquals(1L, db.query("select count(*) from teacher_sync_runs").execute().await().indefinitely().iterator().next().getLong(0));
        for (int i = 0; i < 100; i++) {
            if (db.query("select count(*) from teacher_sync_runs where status = 'running'").execute().await().indefinitely().iterator().next()
                    .getLong(0) == 0) {
                break;
            }
            Thread.sleep(50);
        }
        as(adminToken()).get("/api/traffic/admin/teacher-sync/runs").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].status", equalTo("succeeded")).body("[0].trigger", equalTo("manual"));
    }

    @Test
    void aRunnerThatStoppedBeatingIsReplaced() {
        db.query("insert into teacher_sync_runs (trigger, status, heartbeat_at) values ('scheduled', 'running', now() - interval '1 hour')")
                .execute().await().indefinitely();
        stubTeachers(random(), 2, Map.of(), 0);
        JsonPath run = runToEnd();
        assertEquals("succeeded", run.getString("last.status"));
        assertEquals(1L, db.query("select count(*) from teacher_sync_runs where status = 'abandoned'").execute().await().indefinitely()
                .iterator().next().getLong(0));
    }

    @Test
    void scheduleDownFailsTheRunCleanly() {
        Upstreams.server().stubFor(get(urlEqualTo("/api/schedule/teachers")).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .aResponse().withStatus(503)));
        JsonPath run = runToEnd();
        assertEquals("failed", run.getString("last.status"));
        assertTrue(run.getString("last.error").length() > 0);
        Upstreams.server().verify(0, postRequestedFor(urlEqualTo("/api/provision/traffic/teachers/batch")));
    }
}
