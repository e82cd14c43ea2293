package edu.campus.main;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import edu.campus.main.support.MainTestBase;
import edu.campus.main.support.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class CasLoginTest extends MainTestBase {

    private Row student(String casUser) {
        var rows = db.preparedQuery("select * from students where cas_user = $1").execute(Tuple.of(casUser)).await().indefinitely();
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }

    @Test
    void loginRedirectsToCasWithOurCallbackCarryingReturnTo() {
        String location = given().redirects().follow(false).queryParam("return_to", RETURN_TO).get("/api/main/auth/cas/login")
                .then().statusCode(303).header("Cache-Control", "no-store").extract().header("Location");
        String casLogin = Upstreams.server().baseUrl() + "/cas/login?service=";
        assertTrue(location.startsWith(casLogin), location);
        assertEquals(serviceFor(RETURN_TO), URLDecoder.decode(location.substring(casLogin.length()), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example/after-login", "https://app.campus.test.evil.example/", "https://user@app.campus.test/x",
            "javascript:alert(1)", "//evil.example/", "/relative", "https://app.campus.test/a#frag", "http://app.campus.test/after-login",
            "https://app.campus.test:8443/after-login", "https://app.campus.test/../admin" })
    void noOpenRedirect(String target) {
        given().redirects().follow(false).queryParam("return_to", target).get("/api/main/auth/cas/login")
                .then().statusCode(400).body("error_code", equalTo("invalid_return_to"));
        given().redirects().follow(false).queryParam("return_to", target).queryParam("ticket", ticket()).get("/api/main/auth/cas/callback")
                .then().statusCode(400).body("error_code", equalTo("invalid_return_to"));
    }

    @Test
    void missingReturnToIsA400() {
        given().redirects().follow(false).get("/api/main/auth/cas/login").then().statusCode(400).body("error_code", equalTo("invalid_return_to"));
    }

    @Test
    void aSignInWithAttributesCreatesTheStudentAndPutsTheSessionInTheFragment() {
        String user = casUser();
        Map<String, String> session = signIn(user, Map.of("cn", List.of("Анна Петрова"), "mail", List.of("anna@mail.example", "second@x"),
                "faculty", List.of("ИКНК")));
        assertEquals("Bearer", session.get("token_type"));
        assertEquals("900", session.get("expires_in"));
        Row row = student(user);
        assertEquals("Анна Петрова", row.getString("full_name"));
        assertEquals("anna@mail.example", row.getString("email")); // the first of a multi-valued attribute
        assertEquals("ИКНК", row.getString("faculty"));
        assertEquals(row.getLong("id").toString(), session.get("student_id"));
        as(session).get("/api/main/me").then().statusCode(200)
                .body("cas_user", equalTo(user)).body("full_name", equalTo("Анна Петрова")).body("group_required", equalTo(true));
        // the refresh token is stored hashed, with the ticket's hash for single logout
        assertEquals(1L, db.preparedQuery("select count(*) from student_sessions where student_id = $1 and cas_ticket_hash is not null")
                .execute(Tuple.of(row.getLong("id"))).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void withoutAttributesTheUserIsTheEmailAndASecondSignInUpdatesTheSameStudent() {
        String user = casUser();
        Map<String, String> first = signIn(user, Map.of());
        Row row = student(user);
        assertNull(row.getString("full_name"));
        assertEquals(user, row.getString("email"));
        Map<String, String> second = signIn(user, Map.of("cn", List.of("Иван Иванов")));
        assertEquals(first.get("student_id"), second.get("student_id"));
        assertEquals("Иван Иванов", student(user).getString("full_name"));
        // a later sign-in without the attribute keeps what is known
        signIn(user, Map.of());
        assertEquals("Иван Иванов", student(user).getString("full_name"));
        assertEquals(1L, db.preparedQuery("select count(*) from students where cas_user = $1").execute(Tuple.of(user))
                .await().indefinitely().iterator().next().getLong(0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "INVALID_REQUEST", "INVALID_TICKET_SPEC", "UNAUTHORIZED_SERVICE_PROXY", "INVALID_PROXY_CALLBACK",
            "INVALID_TICKET", "INVALID_SERVICE", "INTERNAL_ERROR" })
    void everyCasFailureCodeComesBackAsAnErrorCode(String code) {
        String ticket = ticket();
        casAnswers(ticket, casFailure(code));
        Map<String, String> back = fragment(callback(ticket));
        assertEquals("cas_" + code.toLowerCase(), back.get("error"));
        assertFalse(back.containsKey("access_token"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "<html>maintenance</html>", "not xml at all", "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\">",
            "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationSuccess></cas:authenticationSuccess></cas:serviceResponse>",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationSuccess><cas:user>&e;</cas:user></cas:authenticationSuccess></cas:serviceResponse>" })
    void malformedAnswersAreACleanError(String body) {
        String ticket = ticket();
        casAnswers(ticket, body);
        assertEquals("cas_bad_response", fragment(callback(ticket)).get("error"));
    }

    @Test
    void slowAndDownCasAreCleanErrors() {
        String slow = ticket();
        Upstreams.server().stubFor(get(urlPathEqualTo("/cas/p3/serviceValidate"))
                .willReturn(aResponse().withFixedDelay(3000).withBody(casSuccess(casUser(), Map.of()))));
        assertEquals("cas_timeout", fragment(callback(slow)).get("error"));
        Upstreams.server().resetAll();
        Upstreams.server().stubFor(get(urlPathEqualTo("/cas/p3/serviceValidate")).willReturn(aResponse().withStatus(503)));
        assertEquals("cas_unavailable", fragment(callback(ticket())).get("error"));
    }

    @Test
    void aMissingOrMalformedTicketNeverReachesCas() {
        for (String bad : new String[] { "", "TGT-123", "ST-" + "x".repeat(300), "ST-a b" }) {
            var response = given().redirects().follow(false).queryParam("return_to", RETURN_TO).queryParam("ticket", bad)
                    .get("/api/main/auth/cas/callback");
            assertEquals("cas_invalid_ticket_spec", fragment(response).get("error"));
        }
        Upstreams.server().verify(0, getRequestedFor(urlPathEqualTo("/cas/p3/serviceValidate")));
    }

    @Test
    void casSingleLogoutEndsTheSessionsOfThatTicket() {
        String ticket = ticket();
        casAnswers(ticket, casSuccess(casUser(), Map.of()));
        Map<String, String> session = fragment(callback(ticket));
        Map<String, String> other = signIn();
        String logout = "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " ID=\"LR-1\" Version=\"2.0\" IssueInstant=\"2026-12-01T10:00:00Z\"><saml:NameID>@NOT_USED@</saml:NameID>"
                + "<samlp:SessionIndex>" + ticket + "</samlp:SessionIndex></samlp:LogoutRequest>";
        given().contentType(ContentType.URLENC).formParam("logoutRequest", logout).queryParam("return_to", RETURN_TO)
                .post("/api/main/auth/cas/callback").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", session.get("refresh_token"))).post("/api/main/auth/refresh")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", other.get("refresh_token"))).post("/api/main/auth/refresh")
                .then().statusCode(200);
        given().contentType(ContentType.URLENC).formParam("logoutRequest", "<nonsense/>").post("/api/main/auth/cas/callback")
                .then().statusCode(400).body("error_code", equalTo("validation_error"));
    }
}
