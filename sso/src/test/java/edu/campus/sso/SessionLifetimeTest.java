package edu.campus.sso;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.sso.auth.Tokens;
import edu.campus.sso.retention.Retention;
import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;

/** A sign-in's idle timeout (30 min) and absolute lifetime (10 h), and what the clean-up forgets. */
@QuarkusTest
class SessionLifetimeTest extends SsoTestBase {

    @Inject
    Retention retention;

    private void sql(String statement, Object... params) {
        db.preparedQuery(statement).execute(Tuple.from(params)).await().indefinitely();
    }

    private long count(String statement, Object... params) {
        return db.preparedQuery(statement).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aSignInEndsAfterItsIdleTimeoutAndAfterItsAbsoluteLifetime() {
        String username = user("traffic", "admin", null, true);
        JsonPath first = login(username, PASSWORD, "traffic").statusCode(200).extract().jsonPath();
        long idle = first.getLong("refresh_expires_in");
        assertTrue(idle > 1790 && idle <= 1800, "refresh_expires_in " + idle);

        // nine hours and 59 minutes into the sign-in, a rotation is valid only until the tenth hour
        sql("update refresh_tokens set family_started_at = now() - interval '9 hours 59 minutes' where token_hash = $1",
                Buffer.buffer(Tokens.hash(first.getString("refresh_token"))));
        JsonPath late = refresh(first.getString("refresh_token")).statusCode(200).extract().jsonPath();
        long left = late.getLong("refresh_expires_in");
        assertTrue(left > 0 && left <= 60, "refresh_expires_in " + left);

        // past the tenth hour nothing rotates, even a token that has not reached its own expiry
        sql("update refresh_tokens set family_started_at = now() - interval '10 hours 1 minute', expires_at = now() + interval '5 minutes' "
                + "where token_hash = $1", Buffer.buffer(Tokens.hash(late.getString("refresh_token"))));
        refresh(late.getString("refresh_token")).statusCode(401).body("error_code", equalTo("unauthorized"));

        // idle: a token not used within 30 minutes is over
        JsonPath other = login(username, PASSWORD, "traffic").statusCode(200).extract().jsonPath();
        sql("update refresh_tokens set expires_at = now() - interval '1 second' where token_hash = $1",
                Buffer.buffer(Tokens.hash(other.getString("refresh_token"))));
        refresh(other.getString("refresh_token")).statusCode(401);
    }

    @Test
    void theCleanUpForgetsExpiredTokensSpentCodesQuietThrottleRowsAndOldAuditOnly() {
        String username = user("traffic", "admin", null, true);
        long userId = count("select id from users where username = $1", username);
        UUID family = UUID.randomUUID();
        String insertToken = "insert into refresh_tokens (user_id, family_id, family_started_at, token_hash, issued_at, expires_at) "
                + "values ($1, $2, now() - interval '3 days', $3, now() - interval '3 days', $4::timestamptz)";
        byte[] old = Tokens.hash("old-" + family);
        byte[] fresh = Tokens.hash("fresh-" + family);
        sql(insertToken, userId, family, Buffer.buffer(old), java.time.OffsetDateTime.now().minusDays(2));
        sql(insertToken, userId, family, Buffer.buffer(fresh), java.time.OffsetDateTime.now().minusHours(1)); // reuse detection still needs it
        sql("insert into login_failures (throttle_key, failures, window_start, updated_at) values ('pair:old|x', 3, now() - interval '2 days', now() - interval '2 days')");
        sql("insert into login_failures (throttle_key, failures, window_start, updated_at) values ('pair:new|x', 3, now(), now())");
        sql("insert into audit_log (at, actor, action) values (now() - interval '500 days', 'test', 'ancient')");
        String recent = "recent-" + family; // the test database outlives runs
        sql("insert into audit_log (at, actor, action) values (now() - interval '10 days', 'test', $1)", recent);

        Retention.Pass pass = retention.run().await().indefinitely();
        assertTrue(pass.refreshTokens() >= 1 && pass.throttleRows() >= 1 && pass.auditEntries() >= 1, pass.toString());
        assertEquals(0, count("select count(*) from refresh_tokens where token_hash = $1", Buffer.buffer(old)));
        assertEquals(1, count("select count(*) from refresh_tokens where token_hash = $1", Buffer.buffer(fresh)));
        assertEquals(0, count("select count(*) from login_failures where throttle_key = 'pair:old|x'"));
        assertEquals(1, count("select count(*) from login_failures where throttle_key = 'pair:new|x'"));
        assertEquals(0, count("select count(*) from audit_log where action = 'ancient'"));
        assertEquals(1, count("select count(*) from audit_log where action = $1", recent));
    }
}
