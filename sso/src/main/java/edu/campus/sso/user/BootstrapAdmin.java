package edu.campus.sso.user;

import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import edu.campus.sso.SsoConfig;
import edu.campus.sso.audit.AuditLog;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/** The first admin comes from configuration: created at start when no admin exists, never overwritten. */
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    void onStart(@Observes StartupEvent event, SsoConfig config, AuditLog audit) throws Throwable {
        var username = config.bootstrap().adminUsername().filter(u -> !u.isBlank());
        var password = config.bootstrap().adminPassword().filter(p -> !p.isBlank());
        if (username.isEmpty() || password.isEmpty()) {
            return;
        }
        String hash = BcryptUtil.bcryptHash(password.get(), config.login().bcryptCost());
        Boolean created = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                User.count("app = ?1 and role = ?2", User.App.sso, User.Role.admin).flatMap(admins -> {
                    if (admins > 0) {
                        return Uni.createFrom().item(false);
                    }
                    User admin = new User();
                    admin.username = username.get();
                    admin.passwordHash = hash;
                    admin.fullName = "Administrator";
                    admin.app = User.App.sso;
                    admin.role = User.Role.admin;
                    return admin.persist().replaceWith(true);
                }))
                .call(made -> made ? audit.record("bootstrap", "admin_created", "user:" + username.get(), null)
                        : Uni.createFrom().voidItem()));
        if (created) {
            LOG.infof("created the first admin '%s' from configuration", username.get());
        }
    }
}
