package edu.campus.e2e;

import static edu.campus.e2e.Platform.api;
import static edu.campus.e2e.Platform.as;
import static edu.campus.e2e.Platform.await;
import static edu.campus.e2e.Platform.campus;
import static edu.campus.e2e.Platform.login;
import static edu.campus.e2e.Platform.newUser;
import static edu.campus.e2e.Platform.random;
import static edu.campus.e2e.Platform.ssoAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** Failure paths across services: a neighbour down or restarted mid-flow, the platform finishing the work once it is back. */
class FailuresIT {

    @Test
    void ssoDownWhenATrafficAdminCreatesATeacher() {
        String admin = newUser("traffic", "admin", "traffic.admin");
        long ruz = random();
        long id;
        campus("stop", "sso");
        try {
            // traffic keeps the teacher and says SSO has not confirmed it (tokens still verify: the keys are cached)
            id = as(admin).body(Map.of("full_name", "Учитель Без SSO " + ruz, "ruz_teacher_id", ruz)).post("/api/traffic/admin/teachers")
                    .then().statusCode(201).body("sso_status", equalTo("pending")).extract().jsonPath().getLong("id");
            // sign-in itself is SSO's: through the gateway, its absence is a 503 in the error format
            api().body(Map.of("username", "x", "password", "y", "app", "traffic")).post("/api/auth/login").then().statusCode(503)
                    .body("error_code", equalTo("upstream_unavailable"));
        } finally {
            campus("start", "sso");
        }
        // the next sync provisions what is pending
        Platform.startTeacherSync(admin);
        await("the teacher provisioned", () -> as(admin).get("/api/traffic/admin/teachers/" + id).then().statusCode(200).extract()
                .<String> path("sso_status"), "provisioned"::equals, Duration.ofSeconds(60));
        as(ssoAdmin()).get("/api/users/by-ruz-teacher/" + ruz + "?app=traffic").then().statusCode(200).body("entity_id", is((int) id));
    }

    @Test
    void ssoStoppedWhileATeacherSyncRuns() {
        String admin = newUser("traffic", "admin", "traffic.admin");
        // RUZ now lists 40 more teachers; the e2e platform's sync sends SSO a batch of 5 a second (TRAFFIC_SYNC_* in
        // e2e/platform), so the run lasts 8 s and SSO can be stopped after its first batch
        String token = "Сбоев" + random();
        long firstRuz = random() * 100;
        StringJoiner teachers = new StringJoiner(",");
        for (int i = 0; i < 40; i++) {
            teachers.add("{\"id\":%d,\"full_name\":\"%s Учитель %d\"}".formatted(firstRuz + i, token, i));
        }
        String more = Platform.stub("""
                {"priority":1,"request":{"method":"GET","urlPath":"/teachers"},
                 "response":{"status":200,"headers":{"Content-Type":"application/json"},"jsonBody":{"teachers":[%s]}}}"""
                .formatted(teachers));
        try {
            // schedule keeps RUZ's reference lists briefly here (SCHEDULE_CACHE_REFERENCE_TTL): wait until it serves the new one
            await("schedule lists the new teachers", () -> api().get("/api/schedule/teachers").then().statusCode(200).extract()
                    .jsonPath().getList("teachers").size(), size -> size >= 40, Duration.ofSeconds(30));
            Platform.startTeacherSync(admin);
            JsonPath running = await("the first batch in SSO", () -> as(admin).get("/api/traffic/admin/teacher-sync").then().statusCode(200)
                    .extract().jsonPath(), body -> body.get("running") == null || body.getInt("running.provisioned") > 0, Duration.ofSeconds(60));
            assertNotNull(running.get("running"), "the run was still going after its first batch: " + running.prettify());
            campus("stop", "sso");
            JsonPath failed;
            try {
                // the run stops where SSO stopped answering: the rest stays pending, nothing is lost or half-made
                failed = Platform.teacherSyncAtRest(admin);
            } finally {
                campus("start", "sso");
            }
            assertEquals("failed", failed.getString("last.status"), failed.prettify());
            int before = failed.getInt("last.provisioned");
            assertTrue(before > 0 && before < 40, "some provisioned before SSO stopped, not all: " + before);
            assertTrue(failed.getInt("pending_in_sso") > 0, "the rest pending: " + failed.prettify());

            // SSO back: the next run provisions the rest (an admin tries again while traffic's SSO breaker is still open),
            // and SSO has each of the 40 once, tied to traffic's teacher
            JsonPath done = await("a run after SSO came back succeeded", () -> Platform.teacherSync(admin),
                    body -> "succeeded".equals(body.getString("last.status")), Duration.ofSeconds(120));
            assertEquals("succeeded", done.getString("last.status"), done.prettify());
            assertEquals(0, done.getInt("pending_in_sso"), done.prettify());
            JsonPath inSso = as(ssoAdmin()).get("/api/users?app=traffic&role=teacher&size=100&q=" + token).then().statusCode(200).extract()
                    .jsonPath();
            assertEquals(40, inSso.getInt("total"), "each of RUZ's 40 once in SSO");
            List<Object> entityIds = inSso.getList("items.entity_id");
            assertTrue(entityIds.stream().allMatch(Objects::nonNull), "no SSO teacher without entity_id: " + entityIds);
            assertEquals(40, Set.copyOf(entityIds).size(), "40 different traffic teachers: " + entityIds);
        } finally {
            Platform.unstub(more);
        }
    }

    @Test
    void ssoDownWhenTheDeskCreatesAnExecutor() {
        Department department = Department.create("Отдел E2E");
        long dept = department.id();
        String desk = department.staff("staff." + random());

        String executorName = "executor." + random();
        long executor;
        campus("stop", "sso");
        try {
            // accepted: the row is there, SSO's account follows
            executor = as(desk).body(Map.of("full_name", "Исполнитель Без SSO", "username", executorName))
                    .post("/api/services/manage/departments/" + dept + "/executors").then().statusCode(202)
                    .body("status", equalTo("pending_sso")).extract().jsonPath().getLong("id");
        } finally {
            campus("start", "sso");
        }
        // services' retry job makes the account once SSO is back; then the desk invites the executor, who signs in
        await("the executor's account confirmed", () -> as(desk).get("/api/services/manage/executors/" + executor).then().statusCode(200)
                .extract().<String> path("status"), "active"::equals, Duration.ofSeconds(60));
        JsonPath account = as(ssoAdmin()).get("/api/users?app=services&q=" + executorName).then().statusCode(200).body("total", is(1))
                .extract().jsonPath();
        assertEquals(executor, account.getLong("items[0].entity_id"));
        // with two services instances, the one that answers may still hold its SSO circuit breaker open from the outage: a
        // 503 upstream_unavailable ("try again shortly") until the breaker's delay has passed
        String invitation = await("an invitation for the executor", () -> as(desk).post("/api/services/manage/executors/" + executor + "/invitation")
                .then().extract(), answer -> {
                    if (answer.statusCode() != 200 && answer.statusCode() != 503) {
                        fail("invitation: " + answer.statusCode() + " " + answer.asString());
                    }
                    return answer.statusCode() == 200;
                }, Duration.ofSeconds(60)).path("invitation.code");
        as(Department.accept(invitation, executorName)).get("/api/services/desk/me").then().statusCode(200);
    }

    @Test
    void rUZDownWhenATeacherStartsALessonSeenBefore() {
        Classroom room = Classroom.ready(15498, "Ларионенко Артём Александрович");
        String teacher = room.teacher();
        Kiosk kiosk = room.kiosk();
        // the lessons were looked up once (schedule has them now); then RUZ stops answering
        as(teacher).body(Map.of("display_pin", kiosk.displayPin())).post("/api/traffic/lessons/lookup").then().statusCode(200)
                .body("lessons.size()", is(1));
        String down = Platform.stub("""
                {"priority":1,"request":{"method":"GET","urlPathPattern":"/(buildings|teachers|groups|faculties|search)(/.*)?"},
                 "response":{"status":503,"body":"RUZ is down"}}""");
        try {
            long session = kiosk.startLesson(teacher);
            assertEquals(session, kiosk.state().getLong("session.id"));
        } finally {
            Platform.unstub(down);
            room.leave();
        }
    }

    @Test
    void trafficRestartedInTheMiddleOfALesson() {
        Classroom room = Classroom.ready(15498, "Ларионенко Артём Александрович");
        String teacher = room.teacher();
        Kiosk kiosk = room.kiosk();
        try {
            long session = kiosk.startLesson(teacher);
            String first = campus("launch-token", "5001", "traffic");
            String second = campus("launch-token", "5002", "traffic");
            as(first).body(Map.of("qr_token", Platform.qr(session, kiosk.state().getString("session.secret"))))
                    .post("/api/traffic/sessions/" + session + "/marks").then().statusCode(201);

            campus("stop", "traffic");
            campus("start", "traffic");

            // the session, its secret and its marks survived; marking goes on, the first student once
            JsonPath state = kiosk.state();
            assertEquals(session, state.getLong("session.id"));
            String qr = Platform.qr(session, state.getString("session.secret"));
            as(second).body(Map.of("qr_token", qr)).post("/api/traffic/sessions/" + session + "/marks").then().statusCode(201);
            as(first).body(Map.of("qr_token", qr)).post("/api/traffic/sessions/" + session + "/marks").then().statusCode(200)
                    .body("status", equalTo("already_marked"));
            as(teacher).get("/api/traffic/sessions/" + session + "/attendees").then().statusCode(200).body("count", is(2));
        } finally {
            room.leave();
        }
    }
}
