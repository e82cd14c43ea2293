package edu.campus.common.launch;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** main's launch keys over HTTP with the standard fault tolerance (an idempotent read: retried with jitter). */
@ApplicationScoped
@DefaultBean
public class LaunchJwksClient implements LaunchKeySource {

    private final LaunchJwksApi api;
    private final boolean configured;

    LaunchJwksClient(@RestClient LaunchJwksApi api, @ConfigProperty(name = "campus.launch.jwks-url") Optional<String> url) {
        this.api = api;
        this.configured = url.filter(u -> !u.isBlank()).isPresent();
    }

    @Override
    public boolean available() {
        return configured;
    }

    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, jitter = 100,
            retryOn = { UpstreamException.Unavailable.class, UpstreamException.Timeout.class, TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000,
            failOn = { UpstreamException.class, TimeoutException.class })
    @Override
    public Uni<String> jwks() {
        return api.jwks().onFailure().transform(failure -> Upstreams.map("main", failure));
    }
}
