package edu.campus.bot.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
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
 * The bot's upstreams for tests, on one WireMock server: SSO (client credentials, link completion and unlink), main
 * (students' Telegram, unlink) and Telegram's Bot API ({@code /bot<token>/sendMessage} answers ok with a message id
 * unless a test says otherwise). Anything not stubbed is a 404 in the platform's error format.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    public static final TestKeys SSO = new TestKeys("sso-test-key");
    public static final String BOT_TOKEN = "7000000001:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    public static final String SEND = "/bot" + BOT_TOKEN + "/sendMessage";

    private static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().containerThreads(32));
        server.start();
        defaults();
        return Map.of("quarkus.rest-client.sso.url", server.baseUrl(), "quarkus.rest-client.main.url", server.baseUrl(),
                "quarkus.rest-client.telegram.url", server.baseUrl());
    }

    public static WireMockServer server() {
        return server;
    }

    public static void reset() {
        server.resetAll();
        defaults();
    }

    private static void defaults() {
        server.stubFor(any(urlPathMatching("/.*")).atPriority(100).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error_code\":\"not_found\",\"message\":\"not stubbed\",\"details\":{}}")));
        server.stubFor(post(urlEqualTo("/api/auth/token")).willReturn(okJson("{\"access_token\":\""
                + SSO.ssoService("bot", "telegram:link", "telegram:notify") + "\",\"token_type\":\"Bearer\",\"expires_in\":900,"
                + "\"scope\":\"telegram:link telegram:notify\"}")));
        server.stubFor(post(urlEqualTo(SEND)).atPriority(50).willReturn(okJson(
                "{\"ok\":true,\"result\":{\"message_id\":4242,\"date\":1700000000,\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"x\"}}")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
