package edu.campus.e2e;

import static edu.campus.e2e.Platform.GATEWAY;
import static edu.campus.e2e.Platform.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.notNullValue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** One way in: HTTPS with the usual headers, plain HTTP redirected, the internal routes not there at all. */
class GatewayIT {

    @Test
    void plainHttpRedirectsToHttps() {
        given().redirects().follow(false).get("http://localhost:8080/api/schedule/buildings").then().statusCode(301)
                .header("Location", equalTo(GATEWAY + "/api/schedule/buildings"));
    }

    @Test
    void answersCarryTheSecurityHeadersAndARequestId() {
        api().get("/api/schedule/buildings").then().statusCode(200)
                .header("Strict-Transport-Security", containsString("max-age="))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("SAMEORIGIN"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Request-Id", notNullValue())
                .header("Server", equalTo("nginx"));
        // errors too, in the one error format
        api().get("/api/traffic/admin/kiosks").then().statusCode(401).body("error_code", equalTo("unauthorized"))
                .header("Strict-Transport-Security", containsString("max-age="));
    }

    /**
     * The gateway, not the caller, says who is calling and which request this is, on every route family, the SSE streams
     * included (a location with a proxy_set_header of its own would inherit none of the gateway's and pass these through).
     */
    @ParameterizedTest
    @ValueSource(strings = { "/api/schedule/buildings", "/api/traffic/kiosks/events", "/api/traffic/admin/kiosks/events",
            "/api/traffic/sessions", "/api/services/my/applications", "/api/main/me", "/api/users" })
    void theGatewayOverwritesTheCallersRequestId(String path) {
        String mine = "chosen-by-the-caller-" + path.length();
        String seen = api().header("X-Request-Id", mine).header("X-Forwarded-For", "203.0.113.99").get(path).then()
                .extract().header("X-Request-Id");
        assertThat(seen, matchesPattern("[0-9a-f]{32}")); // nginx's $request_id, as the service received it and echoed it
    }

    /** deploy/internal-routes.txt (a prefix gets a path under it), and a path nobody serves. */
    static Stream<String> internalRoutes() throws IOException {
        return Stream.concat(Files.readAllLines(Platform.ROOT.resolve("deploy/internal-routes.txt")).stream()
                .filter(line -> line.startsWith("/")).map(route -> route.endsWith("/") ? route + "anything" : route), Stream.of("/nothing/here"));
    }

    @ParameterizedTest
    @MethodSource("internalRoutes")
    void internalRoutesAreNotThere(String path) {
        api().body("{}").post(path).then().statusCode(404).body("error_code", equalTo("not_found"));
        api().get(path).then().statusCode(404).body("error_code", equalTo("not_found")).body("details.size()", equalTo(0))
                .header("X-Powered-By", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/users", "/api/users/1", "/api/traffic/sessions", "/api/services/my/applications", "/api/main/me" })
    void publicRoutesReachTheirServiceEvenWithoutATrailingSlash(String path) {
        // the service's own refusal (no token), not nginx's redirect or 404
        api().get(path).then().statusCode(401).body("error_code", equalTo("unauthorized"));
    }

    @Test
    void theKioskPageIsServedThroughTheGateway() {
        api().get("/kiosk/").then().statusCode(200).body(containsString("kiosk.js"));
    }
}
