package edu.campus.main.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * main's upstreams for tests on one WireMock server: CAS under {@code /cas}, the record-book site under {@code /lk},
 * schedule under {@code /api/schedule}; stubbed per test.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    /** SSO's signing key: the bot's service tokens for main's internal Telegram endpoints. */
    public static final edu.campus.common.testing.TestKeys SSO = new edu.campus.common.testing.TestKeys("sso-test-key");

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(32).asynchronousResponseEnabled(true));
        server.start();
        defaults();
        return Map.of("quarkus.rest-client.cas.url", server.baseUrl() + "/cas",
                "quarkus.rest-client.gradebook.url", server.baseUrl() + "/lk",
                "quarkus.rest-client.schedule.url", server.baseUrl(),
                "quarkus.rest-client.sso.url", server.baseUrl());
    }

    public static WireMockServer server() {
        return server;
    }

    public static void reset() {
        server.resetAll();
        defaults();
    }

    private static void defaults() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/auth/jwks"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(SSO.jwks())));
        server.stubFor(any(urlPathMatching("/.*")).atPriority(100).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error_code\":\"not_found\",\"message\":\"not stubbed\",\"details\":{}}")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
