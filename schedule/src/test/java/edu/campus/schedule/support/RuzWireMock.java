package edu.campus.schedule.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fake RUZ: WireMock serving the fixtures under {@code ruz-stub/} (the same files the local runner's
 * {@code --stub-upstreams} serves). Tests add failure stubs on top and reset to the fixtures between cases.
 */
public class RuzWireMock implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().usingFilesUnderClasspath("ruz-stub")
                .containerThreads(64).asynchronousResponseEnabled(true));
        server.start();
        return Map.of("quarkus.rest-client.ruz.url", server.baseUrl());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectRuz.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
