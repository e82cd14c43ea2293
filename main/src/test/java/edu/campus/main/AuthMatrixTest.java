package edu.campus.main;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.TestKeys;
import edu.campus.main.support.MainTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Every endpoint that needs a student: no token, garbage, a stranger's key, another audience, an expired one: 401 before the body is read. */
@QuarkusTest
class AuthMatrixTest extends MainTestBase {

    record Call(String method, String path) {
    }

    static final List<Call> STUDENT_ONLY = List.of(new Call("GET", "/api/main/me"), new Call("PUT", "/api/main/me/group"),
            new Call("POST", "/api/main/me/telegram"), new Call("DELETE", "/api/main/me/telegram"),
            new Call("POST", "/api/main/miniapps/traffic/launch"), new Call("POST", "/api/main/gradebook/connect"),
            new Call("GET", "/api/main/gradebook"), new Call("DELETE", "/api/main/gradebook"), new Call("GET", "/api/main/schedule/week"));

    @Test
    void everyStudentEndpointRefusesAnythingButAValidSession() {
        TestKeys stranger = new TestKeys(null);
        List<String> bad = List.of("", "Bearer ", "Bearer garbage", "Basic dXNlcjpwYXNz",
                "Bearer " + stranger.launch(1, "main", "A", "a@x", "g"),
                "Bearer " + stranger.expiredLaunch(1, "main"));
        for (Call call : STUDENT_ONLY) {
            for (String header : bad) {
                var request = given().contentType(ContentType.JSON).body("{not json");
                if (!header.isEmpty()) {
                    request.header("Authorization", header);
                }
                try {
                    request.request(call.method(), call.path()).then().statusCode(401).body("error_code", equalTo("unauthorized"));
                } catch (AssertionError e) {
                    throw new AssertionError(call + " with " + header + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void aLaunchTokenForAnotherAppIsNoSessionHere() {
        Map<String, String> session = signIn();
        String traffic = as(session).post("/api/main/miniapps/traffic/launch").then().statusCode(200).extract().path("launch_token");
        for (Call call : STUDENT_ONLY) {
            given().contentType(ContentType.JSON).body("{}").header("Authorization", "Bearer " + traffic)
                    .request(call.method(), call.path()).then().statusCode(401);
        }
    }

    @Test
    void publicEndpointsNeedNoToken() {
        given().get("/api/main/miniapps").then().statusCode(200);
        given().get("/api/main/.well-known/jwks.json").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", "x")).post("/api/main/auth/refresh").then().statusCode(401);
    }
}
