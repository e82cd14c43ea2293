package edu.campus.sso;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sign-in throttling through the gateway's X-Forwarded-For (test profile: the defaults, 5 per pair, 20 per username,
 * 30 per address, locks of 1 min doubling).
 */
@QuarkusTest
class LoginThrottleTest extends SsoTestBase {

    private long failedSignIns(String username) {
        return db.preparedQuery("select count(*) from audit_log where action = 'login_failed' and actor = $1").execute(Tuple.of(username))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private static int retryAfter(io.restassured.response.ValidatableResponse response) {
        return Integer.parseInt(response.statusCode(429).body("error_code", equalTo("too_many_requests")).extract().header("Retry-After"));
    }

    @Test
    void fiftyParallelWrongPasswordsCostAtMostThePairsLimitInPasswordChecks() throws Exception {
        String username = user("traffic", "admin", null, true);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                int n = i;
                answers.add(pool.submit(() -> loginFrom("198.51.100.7", username, "wrong-" + n, "traffic").extract().statusCode()));
            }
        }
        int unauthorized = 0;
        int throttled = 0;
        for (Future<Integer> answer : answers) {
            switch (answer.get()) {
                case 401 -> unauthorized++;
                case 429 -> throttled++;
                default -> throw new AssertionError("unexpected status " + answer.get());
            }
        }
        assertEquals(5, unauthorized, "password checks");
        assertEquals(45, throttled);
        assertEquals(5, failedSignIns(username)); // only checked attempts are failures in the audit
    }

    @Test
    void failuresFromOneAddressLockThatAddressOnly() {
        String username = user("traffic", "admin", null, true);
        for (int i = 0; i < 5; i++) {
            loginFrom("198.51.100.1", username, "wrong-" + i, "traffic").statusCode(401);
        }
        // the pair is locked, even with the right password, for a minute...
        int wait = retryAfter(loginFrom("198.51.100.1", username, PASSWORD, "traffic"));
        assertTrue(wait > 50 && wait <= 60, "Retry-After " + wait);
        // ...but the owner, elsewhere, signs in
        loginFrom("198.51.100.2", username, PASSWORD, "traffic").statusCode(200);

        // an address trying many usernames is locked for all of them, and only that address
        String other = user("traffic", "admin", null, true);
        for (int i = 0; i < 30; i++) {
            loginFrom("203.0.113.9", "nobody-" + i, "wrong", "traffic").statusCode(401);
        }
        retryAfter(loginFrom("203.0.113.9", other, PASSWORD, "traffic"));
        loginFrom("203.0.113.10", other, PASSWORD, "traffic").statusCode(200);
    }

    @Test
    void aUsernameUnderAttackFromEverywhereStillOpensFromItsOwnersKnownAddress() {
        String username = user("traffic", "admin", null, true);
        loginFrom("192.0.2.50", username, PASSWORD, "traffic").statusCode(200); // the owner's usual address
        // 20 failures from 20 addresses lock the username itself...
        for (int i = 0; i < 20; i++) {
            loginFrom("198.51.100." + (100 + i), username, "guess-" + i, "traffic").statusCode(401);
        }
        retryAfter(loginFrom("198.51.100.200", username, PASSWORD, "traffic"));
        // ...but not from where its owner has signed in before
        loginFrom("192.0.2.50", username, PASSWORD, "traffic").statusCode(200);
    }

    @Test
    void eachLockOfTheSameKeyIsLonger() {
        String username = user("traffic", "admin", null, true);
        for (int i = 0; i < 5; i++) {
            loginFrom("198.51.100.3", username, "wrong", "traffic").statusCode(401);
        }
        int first = retryAfter(loginFrom("198.51.100.3", username, "wrong", "traffic"));
        // the lock is served (as if its minute had passed); five more failures lock it again, for twice as long
        db.query("update login_failures set blocked_until = now() - interval '1 second' where throttle_key like 'pair:%'").execute()
                .await().indefinitely();
        for (int i = 0; i < 5; i++) {
            loginFrom("198.51.100.3", username, "wrong", "traffic").statusCode(401);
        }
        int second = retryAfter(loginFrom("198.51.100.3", username, "wrong", "traffic"));
        assertTrue(first <= 60 && second > 100 && second <= 120, first + " then " + second);
    }

    @Test
    void aDeactivatedAccountAnswersLikeAWrongPassword() {
        String username = user("services", "staff", entityId(), false);
        loginFrom("198.51.100.4", username, PASSWORD, "services").statusCode(401).body("error_code", equalTo("unauthorized"))
                .body("message", equalTo("wrong username, password or app"));
        assertEquals(1, failedSignIns(username));
    }
}
