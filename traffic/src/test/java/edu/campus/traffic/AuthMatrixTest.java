package edu.campus.traffic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.support.TrafficTestBase;
import edu.campus.traffic.support.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Every protected route refuses the wrong caller with the right status and the error body, and never leaks data. */
@QuarkusTest
class AuthMatrixTest extends TrafficTestBase {

    private record Route(String method, String path) {
    }

    private static final List<Route> ADMIN = List.of(new Route("GET", "/api/traffic/admin/kiosks"),
            new Route("GET", "/api/traffic/admin/kiosks/events"),
            new Route("GET", "/api/traffic/admin/kiosks/1"), new Route("GET", "/api/traffic/admin/kiosks/by-registration-pin/123456"),
            new Route("PUT", "/api/traffic/admin/kiosks/1/room"), new Route("DELETE", "/api/traffic/admin/kiosks/1/room"),
            new Route("DELETE", "/api/traffic/admin/kiosks/1"), new Route("GET", "/api/traffic/admin/teachers"),
            new Route("GET", "/api/traffic/admin/teachers/1"), new Route("POST", "/api/traffic/admin/teachers"),
            new Route("DELETE", "/api/traffic/admin/teachers/1"), new Route("POST", "/api/traffic/admin/teachers/1/telegram-link"),
            new Route("POST", "/api/traffic/admin/teacher-sync"), new Route("GET", "/api/traffic/admin/teacher-sync"),
            new Route("GET", "/api/traffic/admin/teacher-sync/runs"));

    private static final List<Route> TEACHER = List.of(new Route("POST", "/api/traffic/lessons/lookup"),
            new Route("POST", "/api/traffic/sessions"), new Route("GET", "/api/traffic/sessions"),
            new Route("GET", "/api/traffic/sessions/1"), new Route("POST", "/api/traffic/sessions/1/close"),
            new Route("GET", "/api/traffic/sessions/1/attendees"), new Route("PUT", "/api/traffic/sessions/1/attendees/5"),
            new Route("DELETE", "/api/traffic/sessions/1/attendees/5"), new Route("GET", "/api/traffic/sessions/1/attendees.csv"));

    private static io.restassured.response.ValidatableResponse call(RequestSpecification spec, Route route) {
        return spec.contentType(ContentType.JSON).body("{}").request(route.method(), route.path()).then();
    }

    private static void refused(List<Route> routes, String header, int status) {
        for (Route route : routes) {
            RequestSpecification spec = given();
            if (header != null) {
                spec = spec.header("Authorization", header);
            }
            call(spec, route).statusCode(status).body("error_code", equalTo(status == 401 ? "unauthorized" : "forbidden"));
        }
    }

    @Test
    void adminRoutes() {
        refused(ADMIN, null, 401);
        refused(ADMIN, "Basic cm9vdDpyb290", 401);
        refused(ADMIN, "Bearer not.a.token", 401);
        refused(ADMIN, "Bearer " + Upstreams.STRANGER.ssoUser(1, "traffic", "admin", null, "Forged"), 401);
        refused(ADMIN, "Bearer " + Upstreams.SSO.sign(Map.of("iss", "campus-sso", "sub", "1", "app", "traffic", "role", "admin",
                "exp", System.currentTimeMillis() / 1000 - 3600)), 401);
        refused(ADMIN, "Bearer " + studentToken(1), 401);
        refused(ADMIN, "Bearer " + teacherToken(1), 403);
        refused(ADMIN, "Bearer " + Upstreams.SSO.ssoUser(2, "sso", "admin", null, "SSO admin"), 403);
        refused(ADMIN, "Bearer " + Upstreams.SSO.ssoUser(3, "services", "admin", null, "Services admin"), 403);
        refused(ADMIN, "Bearer " + Upstreams.SSO.ssoService("traffic", "provision:traffic"), 403);
    }

    @Test
    void teacherRoutes() {
        refused(TEACHER, null, 401);
        refused(TEACHER, "Bearer " + studentToken(1), 401);
        refused(TEACHER, "Bearer " + Upstreams.STRANGER.ssoUser(9, "traffic", "teacher", 9L, "Forged"), 401);
        refused(TEACHER, "Bearer " + adminToken(), 403);
        refused(TEACHER, "Bearer " + Upstreams.SSO.ssoUser(4, "services", "teacher", 4L, "Wrong app"), 403);
    }

    @Test
    void anotherTeachersSessionIsForbidden() {
        Setup s = activeSession();
        long other = insertTeacher("Другой Преподаватель", random());
        String id = String.valueOf(s.sessionId());
        for (Route route : List.of(new Route("GET", "/api/traffic/sessions/" + id), new Route("POST", "/api/traffic/sessions/" + id + "/close"),
                new Route("GET", "/api/traffic/sessions/" + id + "/attendees"),
                new Route("GET", "/api/traffic/sessions/" + id + "/attendees.csv"),
                new Route("DELETE", "/api/traffic/sessions/" + id + "/attendees/5"))) {
            call(as(teacherToken(other)), route).statusCode(403).body("error_code", equalTo("forbidden"));
        }
        as(teacherToken(other)).body(Map.of("student_name", "X")).put("/api/traffic/sessions/" + id + "/attendees/5").then().statusCode(403);
        // a teacher token whose entity is not a traffic teacher
        as(teacherToken(987_654_321)).get("/api/traffic/sessions/" + id).then().statusCode(403);
        // nothing changed
        as(teacherToken(s.teacherId())).get("/api/traffic/sessions/" + id).then().statusCode(200).body("status", equalTo("active"));
        // a teacher sees only their own sessions
        as(teacherToken(other)).get("/api/traffic/sessions").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void marksNeedALaunchTokenForTraffic() {
        Setup s = activeSession();
        String path = "/api/traffic/sessions/" + s.sessionId() + "/marks";
        Map<String, String> body = Map.of("qr_token", "0123456789abcdef");
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(401).body("error_code", equalTo("unauthorized"));
        as(Upstreams.MAIN.launch(1, "services", "S", "s@x", "g")).body(body).post(path).then().statusCode(401)
                .body("message", equalTo("launch token is for another app"));
        as(Upstreams.MAIN.expiredLaunch(1, "traffic")).body(body).post(path).then().statusCode(401)
                .body("message", equalTo("launch token expired"));
        as(Upstreams.STRANGER.launch(1, "traffic", "S", "s@x", "g")).body(body).post(path).then().statusCode(401);
        as(teacherToken(s.teacherId())).body(body).post(path).then().statusCode(401);
        as(adminToken()).body(body).post(path).then().statusCode(401);
    }

    @Test
    void kiosksNeedTheirOwnSecret() {
        Map<String, Object> kiosk = initKiosk();
        given().get("/api/traffic/kiosks/state").then().statusCode(401).body("error_code", equalTo("unauthorized"));
        given().header("Authorization", "Bearer short").get("/api/traffic/kiosks/state").then().statusCode(401);
        String wrong = ((String) kiosk.get("device_secret")).substring(1) + "A";
        given().header("Authorization", "Bearer " + wrong).get("/api/traffic/kiosks/state").then().statusCode(401);
        given().header("Authorization", "Bearer " + adminToken()).get("/api/traffic/kiosks/state").then().statusCode(401);
        given().header("Authorization", "Bearer " + wrong).get("/api/traffic/kiosks/events").then().statusCode(401);
        kioskState(kiosk.get("device_secret")).statusCode(200);
    }
}
