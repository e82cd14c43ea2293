package edu.campus.services;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.TestKeys;
import edu.campus.services.support.FakeSso;
import edu.campus.services.support.ServicesTestBase;
import edu.campus.services.support.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Every endpoint against every caller it must refuse: no token, garbage, a forged or expired token, the wrong app or
 * role, a student's launch token at the desk (and one for traffic at the student endpoints), a deleted executor,
 * another department's staff, another student. Refusals come before the body is read (the bodies here are not JSON).
 */
@QuarkusTest
class AuthMatrixTest extends ServicesTestBase {

    record Call(String method, String path) {
    }

    private static final TestKeys STRANGER = new TestKeys("sso-test-key");

    private static String expiredSso() {
        long now = Instant.now().getEpochSecond();
        return Upstreams.SSO.sign(Map.of("iss", "campus-sso", "sub", "1", "app", "services", "role", "admin", "iat", now - 1200, "exp",
                now - 600));
    }

    private List<String> failures = new ArrayList<>();

    private void expect(int status, String token, Call call) {
        var request = call.path().endsWith("/applications") && call.method().equals("POST")
                ? given().multiPart("form", "{not json").multiPart("files", "x.exe", new byte[] { 'M', 'Z' })
                : given().contentType(ContentType.JSON).body("{not json");
        if (token != null) {
            request.header("Authorization", token.startsWith("Basic") || token.isEmpty() ? token : "Bearer " + token);
        }
        int got = request.request(call.method(), call.path()).then().extract().statusCode();
        if (got != status) {
            failures.add(call + " with " + (token == null ? "no token" : token.length() > 20 ? token.substring(0, 20) + "..." : token)
                    + ": " + got + " instead of " + status);
        }
    }

    @Test
    void everyEndpointRefusesWhoeverItMust() {
        long dept = department("Деканат");
        long other = department("Библиотека");
        long staff = staffOf(dept, "Сотрудник");
        long otherStaff = staffOf(other, "Чужой");
        long executor = executorOf(dept, "Исполнитель");
        long gone = executorOf(dept, "Удалённый");
        long service = service(dept, "Справка", FORM, false);
        long app = application(service, 1);
        long file = as(student(1)).get("/api/services/my/applications/" + app).then().extract().jsonPath().getLong("files[0].id");
        jsonAs(admin()).delete("/api/services/manage/executors/" + gone).then().statusCode(204);
        FakeSso.reset();

        List<Call> student = List.of(new Call("POST", "/api/services/catalog/" + service + "/applications"),
                new Call("GET", "/api/services/my/applications"), new Call("GET", "/api/services/my/applications/" + app),
                new Call("GET", "/api/services/my/files/" + file));
        List<Call> desk = List.of(new Call("GET", "/api/services/desk/me"), new Call("GET", "/api/services/desk/applications"),
                new Call("GET", "/api/services/desk/applications/" + app), new Call("POST", "/api/services/desk/applications/" + app + "/status"),
                new Call("PUT", "/api/services/desk/applications/" + app + "/executor"),
                new Call("POST", "/api/services/desk/applications/" + app + "/replies"), new Call("GET", "/api/services/desk/files/" + file));
        List<Call> manage = List.of(new Call("GET", "/api/services/manage/departments/" + dept + "/services"),
                new Call("POST", "/api/services/manage/departments/" + dept + "/services"), new Call("GET", "/api/services/manage/services/" + service),
                new Call("PUT", "/api/services/manage/services/" + service), new Call("DELETE", "/api/services/manage/services/" + service),
                new Call("GET", "/api/services/manage/departments/" + dept + "/executors"),
                new Call("POST", "/api/services/manage/departments/" + dept + "/executors"),
                new Call("GET", "/api/services/manage/executors/" + executor), new Call("DELETE", "/api/services/manage/executors/" + executor),
                new Call("POST", "/api/services/manage/executors/" + executor + "/invitation"));
        List<Call> adminOnly = List.of(new Call("GET", "/api/services/admin/departments"), new Call("POST", "/api/services/admin/departments"),
                new Call("GET", "/api/services/admin/departments/" + dept), new Call("PUT", "/api/services/admin/departments/" + dept),
                new Call("DELETE", "/api/services/admin/departments/" + dept), new Call("GET", "/api/services/admin/departments/" + dept + "/staff"),
                new Call("POST", "/api/services/admin/departments/" + dept + "/staff"), new Call("GET", "/api/services/admin/staff/" + staff),
                new Call("DELETE", "/api/services/admin/staff/" + staff), new Call("POST", "/api/services/admin/staff/" + staff + "/invitation"));

        List<String> nobody = new ArrayList<>(java.util.Arrays.asList(null, "", "Basic dXNlcjpwYXNz", "garbage",
                STRANGER.ssoUser(1, "services", "admin", null, "Forged"), expiredSso(),
                STRANGER.launch(1, "services", "F", "f@x", "g"), Upstreams.MAIN.expiredLaunch(1, "services")));
        List<Call> all = new ArrayList<>();
        all.addAll(student);
        all.addAll(desk);
        all.addAll(manage);
        all.addAll(adminOnly);
        for (Call call : all) {
            for (String token : nobody) {
                expect(401, token, call);
            }
        }
        String trafficLaunch = Upstreams.MAIN.launch(1, "traffic", "S", "s@x", "g");
        String mainSession = Upstreams.MAIN.launch(1, "main", "S", "s@x", "g");
        for (Call call : student) {
            expect(401, trafficLaunch, call);
            expect(401, mainSession, call);
            expect(401, admin(), call); // an SSO token is no launch token
        }
        String trafficAdmin = Upstreams.SSO.ssoUser(5, "traffic", "admin", null, "Traffic Admin");
        String serviceToken = Upstreams.SSO.ssoService("traffic", "provision:traffic");
        for (Call call : all.subList(student.size(), all.size())) {
            expect(401, student(1), call); // a launch token is no SSO token
            expect(403, trafficAdmin, call);
            expect(403, serviceToken, call);
            expect(403, executor(gone), call);
        }
        for (Call call : manage) {
            expect(403, executor(executor), call);
        }
        for (Call call : adminOnly) {
            expect(403, staff(staff), call);
            expect(403, executor(executor), call);
        }
        // other department's staff and another student: 404s, as if nothing were there (GETs: no change made)
        for (Call call : List.of(desk.get(2), desk.get(6), manage.get(0), manage.get(2), manage.get(5), manage.get(7))) {
            var got = jsonAs(staff(otherStaff)).request(call.method(), call.path()).then().extract().statusCode();
            if (got != 404) {
                failures.add(call + " as another department's staff: " + got);
            }
        }
        for (Call call : student.subList(2, 4)) {
            var got = as(student(2)).request(call.method(), call.path()).then().extract().statusCode();
            if (got != 404) {
                failures.add(call + " as another student: " + got);
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(List.of(), FakeSso.calls, "no refused call reached SSO");
    }
}
