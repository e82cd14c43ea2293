package edu.campus.traffic;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import edu.campus.common.web.DatabaseFailures;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** The application's pool carries a statement timeout (3 s in the test profile, 5 s by default), and its cancellation is a 503. */
@QuarkusTest
class StatementTimeoutTest extends TrafficTestBase {

    @Test
    void aStatementPastTheTimeoutIsCancelledAndCountsAsDatabaseUnavailable() {
        RuntimeException cancelled = assertThrows(RuntimeException.class,
                () -> db.query("select pg_sleep(3.5)").execute().await().indefinitely());
        assertTrue(cancelled.getMessage().contains("57014"), cancelled.getMessage());
        assertTrue(DatabaseFailures.unavailable(cancelled));
    }
}
