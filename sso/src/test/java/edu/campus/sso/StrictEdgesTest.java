package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The edges a newcomer's bad-input probes found: each is a 400 naming the field or parameter, never a 404 or a guess. */
@QuarkusTest
class StrictEdgesTest extends SsoTestBase {

    @Test
    void nonNumericOrOverflowingIdsAreA400NamingTheParameter() {
        admin().get("/api/users/abc").then().statusCode(400).body("error_code", equalTo("validation_error"))
                .body("details.fields.id", equalTo("must be a whole number"));
        admin().get("/api/users/99999999999999999999").then().statusCode(400).body("details.fields.id", equalTo("must be a whole number"));
        admin().get("/api/users/by-telegram/1x").then().statusCode(400).body("details.fields.telegram_id", equalTo("must be a whole number"));
        admin().get("/api/users/0").then().statusCode(400).body("details.fields.id", startsWith("must be greater"));
        // authentication first: without a token the same request is a 401
        given().get("/api/users/abc").then().statusCode(401);
    }

    @Test
    void enumsAndPagingInTheQueryAreChecked() {
        admin().get("/api/users?app=nope").then().statusCode(400).body("details.fields.app", startsWith("must be one of"));
        admin().get("/api/users?page=x").then().statusCode(400).body("details.fields.page", equalTo("must be a whole number up to 2147483647"));
        admin().get("/api/users?page=-1").then().statusCode(400).body("details.fields.page", startsWith("must be greater"));
        admin().get("/api/users?size=201").then().statusCode(400).body("details.fields.size", startsWith("must be less"));
        admin().get("/api/users?size=200&app=sso").then().statusCode(200).body("size", equalTo(200));
        admin().get("/api/users").then().statusCode(200).body("size", equalTo(50));
    }

    @Test
    void jsonIsTakenAsWritten() {
        given().contentType(ContentType.JSON).body("{\"username\":123,\"password\":\"x\",\"app\":\"sso\"}").post("/api/auth/login")
                .then().statusCode(400).body("details.fields.username", equalTo("must be a string"));
        admin().body(Map.of("fullName", "Иванов Иван", "app", "sso", "role", "admin")).post("/api/users")
                .then().statusCode(400).body("details.fields.fullName", equalTo("is not a known property"));
        admin().body("{\"full_name\":\"Иванов Иван\",\"app\":\"traffic\",\"role\":\"teacher\",\"entity_id\":1.5}").post("/api/users")
                .then().statusCode(400).body("details.fields.entity_id", equalTo("must be a whole number"));
        admin().body("{\"full_name\":\"Иванов Иван\",\"app\":\"nope\",\"role\":\"teacher\"}").post("/api/users")
                .then().statusCode(400).body("details.fields.app", startsWith("must be one of"));
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aBodyDeclaredTooLargeIsA413WithTheErrorBody() throws Exception {
        // only the headers are sent: the answer must come before any body is read
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 999999999\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            // the status line, the headers, then a body of Content-Length bytes
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            int length = 0;
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            String answer = status + "\n" + new String(body, 0, read);
            assertTrue(status != null && status.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("\"error_code\":\"payload_too_large\""), answer);
        }
    }

    @Test
    void aLongUriOrHugeHeadersAreRefusedWithTheErrorBody() {
        given().get("/api/auth/me?x=" + "a".repeat(5000)).then().statusCode(414).body("error_code", equalTo("uri_too_long"));
        given().header("X-Padding", "b".repeat(21_000)).get("/api/auth/jwks").then().statusCode(431)
                .body("error_code", equalTo("headers_too_large"));
        given().header("X-Padding", "b".repeat(1_000)).get("/api/auth/jwks").then().statusCode(200);
    }

    @Test
    void whiteSpaceOfAnyKindIsBlank() {
        admin().body(Map.of("full_name", "\u00a0\u00a0\u3000", "app", "sso", "role", "admin")).post("/api/users")
                .then().statusCode(400).body("details.fields.full_name", equalTo("must not be blank"));
        given().contentType(ContentType.JSON).body(Map.of("username", "\u00a0", "password", "x", "app", "sso")).post("/api/auth/login")
                .then().statusCode(400).body("details.fields.username", equalTo("must not be blank"));
    }
}
