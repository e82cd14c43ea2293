package edu.campus.sso.user;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import edu.campus.sso.SsoConfig;
import edu.campus.sso.audit.AuditLog;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** The first admin comes from configuration: created at start when no admin exists, never overwritten. */
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    void onStart(@Observes StartupEvent event, SsoConfig config, Pool db, UserStore users, AuditLog audit) {
        var username = config.bootstrap().adminUsername().filter(u -> !u.isBlank());
        var password = config.bootstrap().adminPassword().filter(p -> !p.isBlank());
        if (username.isEmpty() || password.isEmpty()) {
            return;
        }
        String hash = BcryptUtil.bcryptHash(password.get(), config.login().bcryptCost());
        boolean created = db.withTransaction(tx -> users.insertFirstAdmin(tx, username.get(), hash)
                .call(id -> id.isPresent() ? audit.record(tx, "bootstrap", "admin_created", "user:" + id.get(), null)
                        : Uni.createFrom().voidItem()))
                .await().indefinitely().isPresent();
        if (created) {
            LOG.infof("created the first admin '%s' from configuration", username.get());
        }
    }
}
