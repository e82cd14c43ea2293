package edu.campus.common.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import edu.campus.common.error.ApiException;
import edu.campus.common.testing.TestKeys;

class LaunchTokenVerifierTest {

    private static final TestKeys MAIN = new TestKeys(null);
    private static final TestKeys NEXT = new TestKeys(null);

    private static LaunchTokenVerifier verifier(List<String> keys) {
        return new LaunchTokenVerifier(Optional.of(keys), "campus-main", Optional.of("traffic"));
    }

    private static String message(Runnable call) {
        ApiException e = assertThrows(ApiException.class, call::run);
        assertEquals(401, e.status());
        return e.getMessage();
    }

    @Test
    void acceptsItsAudienceOnly() {
        LaunchTokenVerifier verifier = verifier(List.of(MAIN.publicKeyPem()));
        LaunchPrincipal student = verifier.verify(MAIN.launch(42, "traffic", "Анна", "anna@uni.example", "3530901/10001")).await().indefinitely();
        assertEquals(new LaunchPrincipal(42, "Анна", "anna@uni.example", "3530901/10001"), student);
        assertEquals("launch token is for another app", message(() -> verifier.verify(MAIN.launch(42, "services", "A", "a@x", "g")).await().indefinitely()));
        assertEquals("launch token expired", message(() -> verifier.verify(MAIN.expiredLaunch(42, "traffic")).await().indefinitely()));
        assertEquals("launch token is not valid", message(() -> verifier.verify(NEXT.launch(42, "traffic", "A", "a@x", "g")).await().indefinitely()));
        assertEquals("launch token is not valid", message(() -> verifier.verify("not.a.token").await().indefinitely()));
        // an SSO token (another issuer) signed with the very same key is still not a launch token
        assertEquals("launch token is not valid", message(() -> verifier.verify(MAIN.ssoUser(1, "traffic", "admin", null, "A")).await().indefinitely()));
        // a subject that is not a student id
        JwtClaims odd = new JwtClaims();
        odd.setIssuer("campus-main");
        odd.setSubject("abc");
        odd.setAudience("traffic");
        odd.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 + 60));
        assertEquals("launch token is not valid", message(() -> verifier.verify(MAIN.sign(odd)).await().indefinitely()));
        assertEquals("a bearer token is required", message(() -> verifier.verifyHeader(null).await().indefinitely()));
    }

    @Test
    void severalKeysFromTextOrFilesForARotation() throws Exception {
        Path file = Files.createTempFile("launch", ".pem");
        Files.writeString(file, NEXT.publicKeyPem().replace("-----BEGIN PUBLIC KEY-----", "-----BEGIN PUBLIC KEY-----\n"));
        LaunchTokenVerifier verifier = verifier(List.of(MAIN.publicKeyPem(), file.toString()));
        assertEquals(1, verifier.verify(MAIN.launch(1, "traffic", "A", "a@x", "g")).await().indefinitely().studentId());
        assertEquals(2, verifier.verify(NEXT.launch(2, "traffic", "B", "b@x", "g")).await().indefinitely().studentId());
        Files.delete(file);
    }

    @Test
    void keysFromMainsJwksReplacedOnEachFetch() {
        java.util.concurrent.atomic.AtomicReference<String> published = new java.util.concurrent.atomic.AtomicReference<>(MAIN.jwks());
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
        edu.campus.common.token.KeySet keySet = new edu.campus.common.token.KeySet("main", () -> {
            fetches.incrementAndGet();
            return io.smallrye.mutiny.Uni.createFrom().item(published.get());
        }, java.time.Duration.ofMinutes(5), now::get);
        LaunchTokenVerifier verifier = new LaunchTokenVerifier(List.of(), "campus-main", "traffic", keySet);
        assertEquals(42, verifier.verify(MAIN.launch(42, "traffic", "A", "a@x", "g")).await().indefinitely().studentId());
        assertEquals(1, fetches.get());
        assertEquals("launch token is for another app",
                message(() -> verifier.verify(MAIN.launch(42, "services", "A", "a@x", "g")).await().indefinitely()));
        // main rotates: both keys for a while, then only the new one
        published.set("{\"keys\":[" + MAIN.jwks().replaceAll("^\\{\"keys\":\\[|\\]\\}$", "") + ","
                + NEXT.jwks().replaceAll("^\\{\"keys\":\\[|\\]\\}$", "") + "]}");
        assertEquals(2, verifier.verify(NEXT.launch(2, "traffic", "B", "b@x", "g")).await().indefinitely().studentId());
        assertEquals(2, fetches.get()); // the unknown kid fetched once
        published.set(NEXT.jwks());
        now.addAndGet(java.time.Duration.ofMinutes(6).toMillis());
        assertEquals("launch token is not valid", message(() -> verifier.verify(MAIN.launch(1, "traffic", "A", "a@x", "g")).await().indefinitely()));
        assertEquals(2, verifier.verify(NEXT.launch(2, "traffic", "B", "b@x", "g")).await().indefinitely().studentId());
    }

    @Test
    void withoutKeysNothingIsAccepted() {
        LaunchTokenVerifier verifier = verifier(List.of());
        assertEquals("launch tokens are not accepted here (neither LAUNCH_TOKEN_PUBLIC_KEYS nor LAUNCH_TOKEN_JWKS_URL configured)",
                message(() -> verifier.verify(MAIN.launch(1, "traffic", "A", "a@x", "g")).await().indefinitely()));
        assertThrows(IllegalStateException.class, () -> verifier(List.of("-----BEGIN PUBLIC KEY-----AAAA-----END PUBLIC KEY-----")));
        assertThrows(IllegalStateException.class, () -> verifier(List.of("/nonexistent/launch.pem")));
    }
}
