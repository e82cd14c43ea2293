package edu.campus.e2e;

import static edu.campus.e2e.Platform.api;
import static edu.campus.e2e.Platform.as;
import static edu.campus.e2e.Platform.newUser;
import static edu.campus.e2e.Platform.random;
import static edu.campus.e2e.Platform.ssoAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/** The older tracker's smoke tests: what traffic and services admins do to people, SSO follows. */
class AccountsIT {

    @Test
    void aTeacherATrafficAdminCreatesAndDeletesComesAndGoesInSso() {
        String admin = newUser("traffic", "admin", "traffic.admin");
        long ruz = random();
        long id = as(admin).body(Map.of("full_name", "Проверочный Учитель " + ruz, "ruz_teacher_id", ruz)).post("/api/traffic/admin/teachers")
                .then().statusCode(201).body("sso_status", equalTo("provisioned")).extract().jsonPath().getLong("id");
        JsonPath account = as(ssoAdmin()).get("/api/users/by-ruz-teacher/" + ruz + "?app=traffic").then().statusCode(200).extract().jsonPath();
        assertEquals(id, account.getLong("entity_id"));
        assertEquals("teacher", account.getString("role"));
        assertEquals("Проверочный Учитель " + ruz, account.getString("full_name"));

        as(admin).delete("/api/traffic/admin/teachers/" + id).then().statusCode(204);
        as(ssoAdmin()).get("/api/users/by-ruz-teacher/" + ruz + "?app=traffic").then().statusCode(404);
        as(ssoAdmin()).get("/api/users/" + account.getLong("id")).then().statusCode(404);
        as(admin).get("/api/traffic/admin/teachers/" + id).then().statusCode(404);
    }

    @Test
    void staffAndExecutorsAServicesAdminCreatesAreInSsoAndTheirInvitationsWork() {
        String admin = newUser("services", "admin", "services.admin");
        long dept = as(admin).body(Map.of("name", "Кафедра E2E " + random(), "contact", "ауд. 1")).post("/api/services/admin/departments")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String staffName = "staff." + random();
        JsonPath staff = as(admin).body(Map.of("full_name", "Сотрудник Кафедры", "username", staffName))
                .post("/api/services/admin/departments/" + dept + "/staff").then().statusCode(201).body("status", equalTo("active"))
                .extract().jsonPath();
        assertAccount(staffName, "staff", staff.getLong("id"));
        // the link SSO made opens the invitation page through the gateway
        String link = staff.getString("invitation.link");
        assertTrue(link.startsWith(Platform.GATEWAY + "/invitation/?code="), link);
        api().get(link.substring(Platform.GATEWAY.length())).then().statusCode(200).body(containsString("invitation.js"));
        api().get("/invitation/invitation.js").then().statusCode(200).body(containsString("/api/auth/invitations/accept"));
        String desk = Department.accept(staff.getString("invitation.code"), staffName);

        String executorName = "executor." + random();
        JsonPath executor = as(desk).body(Map.of("full_name", "Исполнитель Кафедры", "username", executorName))
                .post("/api/services/manage/departments/" + dept + "/executors").then().statusCode(201).body("status", equalTo("active"))
                .extract().jsonPath();
        assertAccount(executorName, "executor", executor.getLong("id"));
        String worker = Department.accept(executor.getString("invitation.code"), executorName);
        as(worker).get("/api/services/desk/me").then().statusCode(200);
        // an invitation works once
        api().body(Map.of("code", executor.getString("invitation.code"), "password", "another password of theirs"))
                .post("/api/auth/invitations/accept").then().statusCode(401).body("error_code", equalTo("invitation_invalid"));
    }

    @Test
    void teacherSyncLeavesNoTeacherWithoutEntityIdAndASecondRunChangesNothing() {
        String admin = newUser("traffic", "admin", "traffic.admin");
        JsonPath first = sync(admin);
        assertEquals("succeeded", first.getString("status"));
        assertTrue(first.getInt("fetched") > 0, "RUZ's teachers were fetched");
        List<Map<String, Object>> teachers = ssoTeachers();
        assertTrue(teachers.size() >= first.getInt("fetched"), "every RUZ teacher has an SSO account");
        assertTrue(teachers.stream().allMatch(user -> user.get("entity_id") != null), "no SSO teacher without entity_id: " + teachers);

        JsonPath second = sync(admin);
        assertEquals("succeeded", second.getString("status"));
        assertEquals(0, second.getInt("created"));
        assertEquals(0, second.getInt("updated"));
        assertEquals(0, second.getInt("provisioned"));
        assertEquals(second.getInt("fetched"), second.getInt("unchanged"));
        assertEquals(teachers, ssoTeachers(), "SSO's teachers are as they were");
    }

    private static JsonPath sync(String admin) {
        Platform.teacherSync(admin);
        return JsonPath.from(as(admin).get("/api/traffic/admin/teacher-sync/runs?limit=1").then().statusCode(200).extract().asString())
                .setRootPath("[0]");
    }

    private static List<Map<String, Object>> ssoTeachers() {
        return as(ssoAdmin()).get("/api/users?app=traffic&role=teacher&size=100").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    private static void assertAccount(String username, String role, long entityId) {
        JsonPath found = as(ssoAdmin()).get("/api/users?app=services&q=" + username).then().statusCode(200).body("total", is(1))
                .extract().jsonPath();
        assertEquals(username, found.getString("items[0].username"));
        assertEquals(role, found.getString("items[0].role"));
        assertEquals(entityId, found.getLong("items[0].entity_id"));
    }
}
