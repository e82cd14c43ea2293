package edu.campus.sso.invitation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.common.sso.SsoModel.Invitation;
import edu.campus.common.token.Secrets;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.audit.AuditLog;
import edu.campus.sso.auth.AuthDtos.TokenPair;
import edu.campus.sso.auth.AuthService;
import edu.campus.sso.user.UserStore;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Invitations: people provisioned by a domain service get no password from it; sso issues a one-time code (192 bits,
 * stored as SHA-256, living {@code SSO_INVITATION_TTL}) with which they set their own password once and are signed in.
 * Issuing a code spends the earlier ones of the account. Every step is audited.
 */
@ApplicationScoped
public class Invitations {

    private final SecureRandom random = new SecureRandom();
    private final Pool db;
    private final InvitationStore store;
    private final UserStore users;
    private final AuditLog audit;
    private final AuthService auth;
    private final Vertx vertx;
    private final SsoConfig config;

    Invitations(Pool db, InvitationStore store, UserStore users, AuditLog audit, AuthService auth, Vertx vertx, SsoConfig config) {
        this.db = db;
        this.store = store;
        this.users = users;
        this.audit = audit;
        this.auth = auth;
        this.vertx = vertx;
        this.config = config;
    }

    /** A new code for the account, inside the caller's transaction (provisioning), with its audit entry. */
    public Uni<Invitation> issue(SqlClient tx, long userId, String actor) {
        String code = Secrets.newToken(random, 24); // 192 bits
        Instant expires = Instant.now().plus(config.invitation().ttl());
        return store.issue(tx, userId, Secrets.sha256(code), actor, expires)
                .call(() -> audit.record(tx, actor, "invitation_issued", "user:" + userId, new JsonObject().put("expires_at", expires.toString())))
                .replaceWith(new Invitation(code, link(code), expires));
    }

    /** Provisioning's ask: a code only for an account without a password (a domain service never resets one); else null. */
    public Uni<Invitation> issueIfNoPassword(SqlClient tx, long userId, String actor) {
        return users.hasPassword(tx, userId).flatMap(has -> has ? Uni.createFrom().nullItem() : issue(tx, userId, actor));
    }

    /** An admin's re-issue (also for an account with a password: the person sets a new one). 404 for an unknown account. */
    public Uni<Invitation> reissue(long userId, String actor) {
        return users.byId(userId).flatMap(user -> {
            if (user == null) {
                return Uni.createFrom().failure(ApiException.notFound("user", userId));
            }
            return db.withTransaction(tx -> issue(tx, userId, actor));
        });
    }

    /**
     * Sets the password with a live code, once, and signs the person in. The password is hashed (off the event loop)
     * only for a code that is live when looked at; the code is then spent and the password set in one transaction, so a
     * code accepted twice at once sets one password and the other answer is a 401.
     */
    public Uni<TokenPair> accept(String code, String password) {
        byte[] hash = Secrets.sha256(code);
        return store.peek(hash).flatMap(live -> live.isEmpty() ? Uni.createFrom().nullItem() : users.byId(live.get())).flatMap(user -> {
            if (user == null || !user.isActive) {
                return Uni.createFrom().failure(invalid()); // a deactivated account answers like an unknown code
            }
            return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, config.login().bcryptCost())), false)
                    .flatMap(passwordHash -> db.withTransaction(tx -> store.consume(tx, hash).flatMap(userId -> userId.isEmpty()
                            ? Uni.createFrom().failure(invalid())
                            : users.setPassword(tx, userId.get(), passwordHash)
                                    .call(() -> audit.record(tx, "user:" + userId.get(), "invitation_accepted", "user:" + userId.get(), null))
                                    .replaceWith(userId.get()))))
                    .flatMap(userId -> auth.signInLinked(userId, "invitation"));
        });
    }

    private String link(String code) {
        String base = config.invitation().url();
        return base + (base.contains("?") ? "&" : "?") + "code=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    private static ApiException invalid() {
        return new ApiException(401, "invitation_invalid", "this invitation is unknown, expired or already used; ask for a new one",
                Map.of());
    }
}
