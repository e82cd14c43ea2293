import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.util.concurrent.atomic.LongAdder;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

/**
 * Token verifications per second as a consumer service does them (common's SsoTokenVerifier settings: RS256 only,
 * issuer, expiry, key by kid from SSO's JWKS). Args: jwks-url token seconds threads.
 */
public class VerifyBench {
    public static void main(String[] args) throws Exception {
        String jwks = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(args[0])).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        RsaJsonWebKey jwk = (RsaJsonWebKey) new JsonWebKeySet(jwks).getJsonWebKeys().get(0);
        Key key = jwk.getRsaPublicKey();
        JwtConsumer consumer = new JwtConsumerBuilder().setRequireExpirationTime().setRequireSubject()
                .setAllowedClockSkewInSeconds(30).setExpectedIssuer("campus-sso").setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, ctx) -> key).build();
        String token = args[1];
        long seconds = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        for (long end = System.nanoTime() + 3_000_000_000L; System.nanoTime() < end;) {
            consumer.processToClaims(token); // warm-up
        }
        LongAdder done = new LongAdder();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        consumer.processToClaims(token);
                        done.increment();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers[i].start();
        }
        for (Thread t : workers) {
            t.join();
        }
        System.out.printf("%d threads: %.0f verifications/s%n", threads, done.sum() / (double) seconds);
    }
}
