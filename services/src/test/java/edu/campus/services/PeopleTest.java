package edu.campus.services;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.services.people.PeopleSync;
import edu.campus.services.support.FakeSso;
import edu.campus.services.support.ServicesTestBase;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Staff and executors stay in step with SSO, SSO failing or not: never an SSO account without a row here, never an
 * active row without an account, and a deleted person's token stops working at once.
 */
@QuarkusTest
class PeopleTest extends ServicesTestBase {

    @Inject
    PeopleSync sync;

    private long rows(String table) {
        return db.query("select count(*) from " + table).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private static void ssoEvent(String type, String role, long entity) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        edu.campus.events.testing.TestBroker.publish(type, id, new io.vertx.core.json.JsonObject().put("id", id).put("type", type)
                .put("version", 1).put("occurred_at", "2026-12-01T10:00:00Z").put("data", new io.vertx.core.json.JsonObject()
                        .put("user_id", 500 + entity).put("app", "services").put("role", role).put("entity_id", entity)).encode());
    }

    private static int deskStatus(String token) {
        return jsonAs(token).get("/api/services/desk/me").then().extract().statusCode();
    }

    private static void awaitStatus(String token, int status) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (deskStatus(token) != status) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("desk never answered " + status);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void anAccountSsoDeactivatesStopsActingAtOnceAndActsAgainWhenActivated() throws Exception {
        long dept = department("Деканат");
        long staff = staffOf(dept, "Петрова Анна");
        long executor = executorOf(dept, "Сидоров Олег");
        assertEquals(200, deskStatus(staff(staff)));
        ssoEvent("sso.user.deactivated", "staff", staff);
        awaitStatus(staff(staff), 403);
        jsonAs(staff(staff)).get("/api/services/desk/me").then().body("error_code", equalTo("account_inactive"));
        assertEquals("inactive", db.preparedQuery("select status from staff where id = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(staff))
                .await().indefinitely().iterator().next().getString(0));
        // the retry job leaves it alone (it is SSO's word, not an unfinished step of ours)
        sync.run().await().indefinitely();
        assertEquals(403, deskStatus(staff(staff)));
        ssoEvent("sso.user.activated", "staff", staff);
        awaitStatus(staff(staff), 200);
        // an executor deleted in SSO directly; another app's account with the same entity id changes nothing here
        String other = java.util.UUID.randomUUID().toString();
        edu.campus.events.testing.TestBroker.publish("sso.user.deactivated", other, new io.vertx.core.json.JsonObject().put("id", other)
                .put("type", "sso.user.deactivated").put("version", 1).put("occurred_at", "2026-12-01T10:00:00Z")
                .put("data", new io.vertx.core.json.JsonObject().put("user_id", 9).put("app", "traffic").put("role", "teacher")
                        .put("entity_id", staff)).encode());
        ssoEvent("sso.user.deleted", "executor", executor);
        awaitStatus(executor(executor), 403);
        assertEquals(200, deskStatus(staff(staff)));
        assertEquals(3L, db.query("select count(*) from inbox where consumer = 'sso-accounts'").execute().await().indefinitely().iterator()
                .next().getLong(0), "three handled; the other app's ignored before the inbox");
    }

    @Test
    void creatingAsksSsoForTheAccountAndAnInvitation() {
        long dept = department("Деканат");
        var created = jsonAs(admin()).body(Map.of("full_name", "  Петрова Анна ", "username", "petrova"))
                .post("/api/services/admin/departments/" + dept + "/staff").then().statusCode(201).body("status", equalTo("active"))
                .body("full_name", equalTo("Петрова Анна")).body("sso_username", equalTo("petrova"))
                .body("invitation.code", startsWith("invite-staff-")).body("invitation.link", startsWith("https://sso.campus.test/invite#"))
                .extract().jsonPath();
        long id = created.getLong("id");
        assertEquals("Петрова Анна", FakeSso.accounts.get("staff/" + id));
        // the invitation is shown once: reading the person does not show it; a fresh one can be asked for
        jsonAs(admin()).get("/api/services/admin/staff/" + id).then().statusCode(200).body("invitation", nullValue());
        jsonAs(admin()).post("/api/services/admin/staff/" + id + "/invitation").then().statusCode(200)
                .body("invitation.code", notNullValue());
        FakeSso.passwordSet.put("staff/" + id, true);
        jsonAs(admin()).post("/api/services/admin/staff/" + id + "/invitation").then().statusCode(409)
                .body("error_code", equalTo("password_already_set"));
        // the staff member works at once
        as(staff(id)).get("/api/services/desk/me").then().statusCode(200).body("kind", equalTo("staff")).body("department_id", equalTo((int) dept));
        // SSO refusing the username: nothing is left behind here or there
        jsonAs(admin()).body(Map.of("full_name", "Другой", "username", "taken-name")).post("/api/services/admin/departments/" + dept + "/staff")
                .then().statusCode(409);
        assertEquals(1, rows("staff"));
    }

    @Test
    void ssoDownDuringCreationLeavesAPendingRowWithoutAccessThatTheJobFinishes() {
        long dept = department("Библиотека");
        long staff = staffOf(dept, "Библиотекарь");
        FakeSso.down.set(10); // longer than the client's retries
        long executor = jsonAs(staff(staff)).body(Map.of("full_name", "Исполнитель Иван")).post("/api/services/manage/departments/" + dept + "/executors")
                .then().statusCode(202).body("status", equalTo("pending_sso")).body("sso_error", startsWith("upstream_unavailable"))
                .body("invitation", nullValue()).extract().jsonPath().getLong("id");
        assertFalse(FakeSso.accounts.containsKey("executor/" + executor));
        as(executor(executor)).get("/api/services/desk/applications").then().statusCode(403).body("error_code", equalTo("account_inactive"));
        jsonAs(staff(staff)).post("/api/services/manage/executors/" + executor + "/invitation").then().statusCode(409)
                .body("error_code", equalTo("account_not_ready"));

        FakeSso.down.set(0);
        assertEquals(1, sync.run().await().indefinitely());
        jsonAs(staff(staff)).get("/api/services/manage/executors/" + executor).then().statusCode(200).body("status", equalTo("active"))
                .body("sso_error", nullValue());
        assertTrue(FakeSso.accounts.containsKey("executor/" + executor));
        as(executor(executor)).get("/api/services/desk/applications").then().statusCode(200);
        jsonAs(staff(staff)).post("/api/services/manage/executors/" + executor + "/invitation").then().statusCode(200)
                .body("invitation.code", notNullValue());
        assertEquals(0, sync.run().await().indefinitely(), "nothing left to do");
    }

    @Test
    void anAnswerLostAfterSsoDidTheWorkIsRepairedWithoutASecondAccount() {
        long dept = department("Бухгалтерия");
        FakeSso.lostAnswers.set(10);
        long staff = jsonAs(admin()).body(Map.of("full_name", "Кассир")).post("/api/services/admin/departments/" + dept + "/staff").then()
                .statusCode(202).extract().jsonPath().getLong("id");
        assertTrue(FakeSso.accounts.containsKey("staff/" + staff), "SSO did create it");
        FakeSso.lostAnswers.set(0);
        sync.run().await().indefinitely();
        jsonAs(admin()).get("/api/services/admin/staff/" + staff).then().body("status", equalTo("active"));
        assertEquals(1, FakeSso.accounts.size(), "the same account (by entity id), not a second one");
    }

    @Test
    void deletingStopsAccessAtOnceEvenWhenSsoIsDownAndTheJobFinishesIt() {
        long dept = department("Общежитие");
        long staff = staffOf(dept, "Комендант");
        long executor = executorOf(dept, "Вахтёр");
        long service = service(dept, "Заселение", FORM, false);
        long app = application(service, 11);
        jsonAs(staff(staff)).body(Map.of("executor_id", executor)).put("/api/services/desk/applications/" + app + "/executor").then().statusCode(200);

        FakeSso.down.set(10);
        jsonAs(staff(staff)).delete("/api/services/manage/executors/" + executor).then().statusCode(202).body("status", equalTo("deleting"));
        as(executor(executor)).get("/api/services/desk/applications").then().statusCode(403).body("error_code", equalTo("account_inactive"));
        assertTrue(FakeSso.accounts.containsKey("executor/" + executor), "SSO still holds it");
        assertEquals(1, rows("executors"), "the row stays until SSO confirms");

        FakeSso.down.set(0);
        assertEquals(1, sync.run().await().indefinitely());
        assertFalse(FakeSso.accounts.containsKey("executor/" + executor));
        assertEquals(0, rows("executors"));
        as(staff(staff)).get("/api/services/desk/applications/" + app).then().statusCode(200).body("executor_id", nullValue())
                .body("history[-1].action", equalTo("unassigned")).body("history[-1].actor_kind", equalTo("system"));

        // a staff member deleted with SSO up: gone at once, in both places
        jsonAs(admin()).delete("/api/services/admin/staff/" + staff).then().statusCode(204);
        assertFalse(FakeSso.accounts.containsKey("staff/" + staff));
        as(staff(staff)).get("/api/services/desk/applications").then().statusCode(403);
        jsonAs(admin()).delete("/api/services/admin/staff/" + staff).then().statusCode(404);
    }
}
