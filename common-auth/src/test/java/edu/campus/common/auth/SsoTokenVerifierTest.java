package edu.campus.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import edu.campus.common.error.ApiException;
import edu.campus.common.testing.TestKeys;
import edu.campus.common.upstream.UpstreamException;
import io.smallrye.mutiny.Uni;

class SsoTokenVerifierTest {

    private final TestKeys first = new TestKeys("k1");
    private final TestKeys second = new TestKeys("k2");
    private final AtomicReference<String> published = new AtomicReference<>(first.jwks());
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicReference<RuntimeException> down = new AtomicReference<>();

    private final SsoTokenVerifier verifier = new SsoTokenVerifier(() -> {
        fetches.incrementAndGet();
        return down.get() != null ? Uni.createFrom().failure(down.get()) : Uni.createFrom().item(published.get());
    }, "campus-sso", Duration.ofMinutes(5), now::get);

    private long verify(TestKeys keys) {
        return verifier.verify(keys.ssoUser(7, "traffic", "admin", null, "Admin")).await().indefinitely().userId();
    }

    private void refused(TestKeys keys) {
        ApiException refused = assertThrows(ApiException.class, () -> verify(keys));
        assertEquals(401, refused.status());
    }

    @Test
    void aKeyRemovedFromSsoStopsVerifyingWithinTheRefreshPeriod() {
        assertEquals(7, verify(first));
        // sso rotates: only the second key is published now
        published.set(second.jwks());
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        assertEquals(7, verify(first)); // within the period the set is the one fetched
        now.addAndGet(Duration.ofMinutes(5).toMillis());
        refused(first); // the next fetch replaced the set: the old key is gone
        assertEquals(7, verify(second));
    }

    @Test
    void anUnknownKidFetchesAtMostOncePerQuietPeriod() {
        assertEquals(7, verify(first));
        int before = fetches.get();
        TestKeys forged = new TestKeys("forged");
        for (int i = 0; i < 20; i++) {
            refused(forged);
        }
        assertEquals(before + 1, fetches.get());
        now.addAndGet(SsoTokenVerifier.MIN_REFRESH_MILLIS);
        refused(forged);
        assertEquals(before + 2, fetches.get());
    }

    @Test
    void ssoUnreachableKeepsTheKeysItHadButNeverInventsAny() {
        down.set(new UpstreamException.Unavailable("sso", "down", null));
        assertThrows(UpstreamException.class, () -> verify(first)); // no keys yet: not a 401, sso is down
        down.set(null);
        assertEquals(7, verify(first));
        down.set(new UpstreamException.Unavailable("sso", "down", null));
        now.addAndGet(Duration.ofMinutes(6).toMillis());
        assertEquals(7, verify(first)); // stale, and sso is down: the old set still verifies
    }
}
