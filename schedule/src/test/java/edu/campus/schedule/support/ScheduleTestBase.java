package edu.campus.schedule.support;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;

import edu.campus.schedule.cache.ScheduleCache;
import edu.campus.schedule.cache.TimeSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Every case starts from the fixtures, an empty cache, closed breakers and its own clock. */
@WithTestResource(RuzWireMock.class)
public abstract class ScheduleTestBase {

    @InjectRuz
    protected WireMockServer ruz;

    @Inject
    protected ScheduleCache cache;

    @Inject
    protected CircuitBreakerMaintenance breakers;

    protected FakeTime time;

    @BeforeEach
    void freshState() {
        ruz.resetToDefaultMappings();
        ruz.resetRequests();
        cache.clear().await().indefinitely();
        breakers.resetAll();
        time = new FakeTime();
        QuarkusMock.installMockForType(time, TimeSource.class);
    }
}
