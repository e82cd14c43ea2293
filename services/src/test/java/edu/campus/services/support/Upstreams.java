package edu.campus.services.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
 * services' upstreams for tests, on one WireMock server: SSO (its JWKS for our test key, client credentials, the
 * provisioning of staff and executors through {@link FakeSso}) and main's JWKS (students' launch tokens).
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    public static final TestKeys SSO = new TestKeys("sso-test-key");
    public static final TestKeys MAIN = new TestKeys(null);

    static final String MAIN_JWKS = "/api/main/.well-known/jwks.json";

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().extensions(new FakeSso()).containerThreads(32));
        server.start();
        defaults(server);
        return Map.of("quarkus.rest-client.sso.url", server.baseUrl(), "campus.launch.jwks-url", server.baseUrl() + MAIN_JWKS,
                "quarkus.rest-client.launch-jwks.url", server.baseUrl() + MAIN_JWKS);
    }

    public static WireMockServer server() {
        return server;
    }

    /** Forget per-test stubs and requests; the defaults back, the fake SSO emptied. */
    public static void reset() {
        server.resetAll();
        FakeSso.reset();
        defaults(server);
    }

    private static void defaults(WireMockServer wiremock) {
        wiremock.stubFor(get(urlEqualTo("/api/auth/jwks")).willReturn(okJson(SSO.jwks())));
        wiremock.stubFor(get(urlEqualTo(MAIN_JWKS)).willReturn(okJson(MAIN.jwks())));
        wiremock.stubFor(post(urlEqualTo("/api/auth/token")).willReturn(okJson("{\"access_token\":\""
                + SSO.ssoService("services", "provision:services") + "\",\"token_type\":\"Bearer\",\"expires_in\":900,"
                + "\"scope\":\"provision:services\"}")));
        for (String kind : new String[] { "staff", "executors" }) {
            wiremock.stubFor(post(urlEqualTo("/api/provision/services/" + kind)).willReturn(aResponse().withTransformers(FakeSso.NAME)));
            wiremock.stubFor(delete(urlPathMatching("/api/provision/services/" + kind + "/\\d+"))
                    .willReturn(aResponse().withTransformers(FakeSso.NAME)));
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
