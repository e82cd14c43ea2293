package edu.campus.traffic.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import edu.campus.common.testing.TestKeys;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Traffic's upstreams for tests, on one WireMock server: schedule ({@code /api/schedule/...}, stubbed per test) and
 * SSO (its JWKS for our test key, client credentials, and provisioning through {@link FakeSso}). Test tokens are
 * signed with {@link #SSO} (SSO's tokens) and {@link #MAIN} (main's launch tokens, its key served as main's JWKS).
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    public static final TestKeys SSO = new TestKeys("sso-test-key");
    public static final TestKeys MAIN = new TestKeys(null);
    /** Someone else's key under SSO's kid: forged tokens. */
    public static final TestKeys STRANGER = new TestKeys("sso-test-key");

    static final String MAIN_JWKS = "/api/main/.well-known/jwks.json";

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().extensions(new FakeSso()).containerThreads(64)
                .asynchronousResponseEnabled(true));
        server.start();
        defaults(server);
        // main's launch keys come from main's JWKS, as in the runner and compose (common-launch's LaunchTokenVerifier over HTTP)
        return Map.of("quarkus.rest-client.schedule.url", server.baseUrl(), "quarkus.rest-client.sso.url", server.baseUrl(),
                "campus.launch.jwks-url", server.baseUrl() + MAIN_JWKS, "quarkus.rest-client.launch-jwks.url", server.baseUrl() + MAIN_JWKS);
    }

    public static WireMockServer server() {
        return server;
    }

    /** Forget per-test stubs and requests; SSO's stubs back in place, the fake SSO emptied. */
    public static void reset() {
        server.resetAll();
        FakeSso.reset();
        defaults(server);
    }

    private static void defaults(WireMockServer wiremock) {
        wiremock.stubFor(get(urlEqualTo("/api/auth/jwks")).willReturn(okJson(SSO.jwks())));
        wiremock.stubFor(get(urlEqualTo(MAIN_JWKS)).willReturn(okJson(MAIN.jwks())));
        wiremock.stubFor(post(urlEqualTo("/api/auth/token")).willReturn(okJson("{\"access_token\":\""
                + SSO.ssoService("traffic", "provision:traffic") + "\",\"token_type\":\"Bearer\",\"expires_in\":900,"
                + "\"scope\":\"provision:traffic\"}")));
        wiremock.stubFor(post(urlEqualTo("/api/provision/traffic/teachers/batch"))
                .willReturn(aResponse().withTransformers(FakeSso.NAME)));
        wiremock.stubFor(delete(urlPathMatching("/api/provision/traffic/teachers/\\d+"))
                .willReturn(aResponse().withTransformers(FakeSso.NAME)));
        wiremock.stubFor(post(urlEqualTo("/api/provision/traffic/teacher-link-telegram")).willReturn(okJson(
                "{\"code\":\"c0de\",\"deep_link\":\"https://t.me/campus_test_bot?start=link_c0de\",\"expires_in\":600}")));
        wiremock.stubFor(any(urlPathMatching("/api/schedule/.*")).atPriority(10)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"error_code\":\"not_found\",\"message\":\"not stubbed\",\"details\":{}}")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
