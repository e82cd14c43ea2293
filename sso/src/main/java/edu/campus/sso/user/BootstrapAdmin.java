package edu.campus.sso.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import edu.campus.sso.SsoConfig;
import edu.campus.sso.audit.AuditLog;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** The first admin comes from configuration: created at start when no admin exists, never overwritten (the insert is
 * conditional too, for two instances starting at once). */
@Singleton
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    void onStart(@Observes StartupEvent event, SsoConfig config, Pool db, UserStore users, AuditLog audit) {
        var username = config.bootstrap().adminUsername().filter(u -> !u.isBlank());
        var password = config.bootstrap().adminPassword().filter(p -> !p.isBlank())
                .or(() -> username.isPresent() ? config.bootstrap().adminPasswordFile().map(BootstrapAdmin::fromFile) : java.util.Optional.empty());
        if (username.isEmpty() || password.isEmpty()) {
            return;
        }
        if (!Password.Validator.acceptable(password.get())) {
            throw new IllegalStateException("the first admin's password (SSO_BOOTSTRAP_ADMIN_PASSWORD) must be at least "
                    + Password.MIN_CHARACTERS + " characters and at most " + Password.MAX_BYTES + " bytes in UTF-8");
        }
        // hashing costs a bcrypt round (~0.3 s at cost 12): only when the admin is to be made, not on every start
        if (users.adminExists().await().indefinitely()) {
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

    /** The password kept in {@code file}, generated there (owner-only) when the file does not exist yet. */
    static String fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, generated + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort outside POSIX file systems
            }
            LOG.infof("generated the first admin's password into %s", file.toAbsolutePath().normalize());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }
}
