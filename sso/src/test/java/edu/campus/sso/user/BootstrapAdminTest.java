package edu.campus.sso.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.sso.SsoConfig;
import edu.campus.sso.audit.AuditLog;
import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;

/** A later start with the first admin configured: the admin that exists stays as it is (password, no second admin). */
@QuarkusTest
class BootstrapAdminTest extends SsoTestBase {

    @Inject
    BootstrapAdmin bootstrap;

    @Inject
    SsoConfig config;

    @Inject
    UserStore users;

    @Inject
    AuditLog audit;

    @Test
    void aLaterStartLeavesTheExistingAdminAsItIs() {
        String before = hashOf("root");
        long created = auditCount();
        // as if the admin had changed the password since: a later start must not bring the configured one back
        db.preparedQuery("update users set password_hash = $1 where username = 'root'").execute(Tuple.of("changed-since"))
                .await().indefinitely();
        try {
            bootstrap.onStart(null, config, db, users, audit);
            assertEquals("changed-since", hashOf("root"));
            assertEquals(1L, db.query("select count(*) from users where app = 'sso' and role = 'admin' and username = 'root'").execute()
                    .await().indefinitely().iterator().next().getLong(0));
            assertEquals(created, auditCount(), "no second admin_created");
        } finally {
            db.preparedQuery("update users set password_hash = $1 where username = 'root'").execute(Tuple.of(before)).await().indefinitely();
        }
    }

    private String hashOf(String username) {
        return db.preparedQuery("select password_hash from users where username = $1").execute(Tuple.of(username)).await().indefinitely()
                .iterator().next().getString(0);
    }

    private long auditCount() {
        return db.query("select count(*) from audit_log where action = 'admin_created'").execute().await().indefinitely().iterator().next()
                .getLong(0);
    }
}
