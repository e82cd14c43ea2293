package edu.campus.main.cas;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import edu.campus.main.MainConfig;
import io.smallrye.mutiny.Uni;

/**
 * Validates service tickets at CAS with a timeout, a bulkhead and a circuit breaker. Never retried: a ticket is single
 * use, so a second validation after a lost answer could only fail.
 */
@ApplicationScoped
public class CasClient {

    private final CasApi api;
    private final boolean cas3;

    CasClient(@RestClient CasApi api, MainConfig config) {
        this.api = api;
        this.cas3 = !config.cas().validatePath().strip().equals("/serviceValidate");
    }

    @Timeout(5000)
    @Bulkhead(value = 50, waitingTaskQueue = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = { UpstreamException.Unavailable.class, UpstreamException.Timeout.class, TimeoutException.class })
    public Uni<CasResponse> validate(String service, String ticket) {
        return (cas3 ? api.validate3(service, ticket) : api.validate2(service, ticket))
                .map(CasResponse::parse)
                .onFailure().transform(failure -> Upstreams.map("cas", failure));
    }
}
