package edu.campus.main.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import edu.campus.common.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;

@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "main_test"))
@WithTestResource(Upstreams.class)
public abstract class MainTestBase {

    public static final String RETURN_TO = "https://app.campus.test/after-login";
    public static final String BOT_TOKEN = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    @Inject
    protected Pool db;

    @BeforeEach
    void resetUpstreams() {
        Upstreams.reset();
    }

    /** A CAS user no earlier run has used (the test database outlives runs). */
    public static String casUser() {
        return "s" + UUID.randomUUID().toString().substring(0, 10) + "@edu.example";
    }

    protected static String ticket() {
        return "ST-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** CAS 3.0 success XML for {@code user} with {@code attributes} (name → values, may repeat). */
    protected static String casSuccess(String user, Map<String, java.util.List<String>> attributes) {
        StringBuilder xml = new StringBuilder("<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\">\n <cas:authenticationSuccess>\n  <cas:user>")
                .append(user).append("</cas:user>\n");
        if (!attributes.isEmpty()) {
            xml.append("  <cas:attributes>\n");
            attributes.forEach((name, values) -> values.forEach(v -> xml.append("   <cas:").append(name).append('>').append(v)
                    .append("</cas:").append(name).append(">\n")));
            xml.append("  </cas:attributes>\n");
        }
        return xml.append(" </cas:authenticationSuccess>\n</cas:serviceResponse>").toString();
    }

    protected static String casFailure(String code) {
        return "<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\"><cas:authenticationFailure code=\"" + code
                + "\">Ticket not recognized</cas:authenticationFailure></cas:serviceResponse>";
    }

    /** The service URL main gives CAS for {@code returnTo}. */
    protected static String serviceFor(String returnTo) {
        return "http://localhost:8085/api/main/auth/cas/callback?return_to=" + java.net.URLEncoder.encode(returnTo, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** CAS answers {@code xml} for this ticket (validated at /cas/p3/serviceValidate for our service URL). */
    protected static void casAnswers(String ticket, String xml) {
        Upstreams.server().stubFor(get(urlPathEqualTo("/cas/p3/serviceValidate")).withQueryParam("ticket", equalTo(ticket))
                .withQueryParam("service", equalTo(serviceFor(RETURN_TO)))
                .willReturn(aResponse().withHeader("Content-Type", "application/xml;charset=UTF-8").withBody(xml)));
    }

    /** The callback's redirect, for a ticket CAS was stubbed for. */
    protected static Response callback(String ticket) {
        return given().redirects().follow(false).queryParam("return_to", RETURN_TO).queryParam("ticket", ticket)
                .get("/api/main/auth/cas/callback");
    }

    /** The key=value pairs of the fragment of a redirect to return_to. */
    protected static Map<String, String> fragment(Response redirect) {
        assertEquals(303, redirect.statusCode(), redirect.asString());
        URI location = URI.create(redirect.header("Location"));
        assertTrue(location.toString().startsWith(RETURN_TO + "#"), location.toString());
        assertEquals(null, location.getRawQuery(), "nothing of the session in the query");
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : location.getRawFragment().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** A full CAS sign-in of a new student: their session (access_token, refresh_token, student_id, ...). */
    public static Map<String, String> signIn(String user, Map<String, java.util.List<String>> attributes) {
        String ticket = ticket();
        casAnswers(ticket, casSuccess(user, attributes));
        Map<String, String> session = fragment(callback(ticket));
        assertTrue(session.containsKey("access_token"), session.toString());
        return session;
    }

    public static Map<String, String> signIn() {
        return signIn(casUser(), Map.of("cn", java.util.List.of("Анна Петрова")));
    }

    public static io.restassured.specification.RequestSpecification as(Map<String, String> session) {
        return given().header("Authorization", "Bearer " + session.get("access_token"));
    }
}
