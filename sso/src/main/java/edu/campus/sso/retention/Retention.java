package edu.campus.sso.retention;

import edu.campus.db.telegram.InitDataSeenStore;
import edu.campus.sso.invitation.InvitationStore;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.sso.SsoConfig;
import edu.campus.sso.audit.AuditLog;
import edu.campus.sso.auth.LoginThrottle;
import edu.campus.sso.telegram.LinkCodeStore;
import edu.campus.sso.token.RefreshTokenStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * sso forgets what it no longer needs, on a schedule (safe on every instance at once: each statement deletes what is
 * due): refresh tokens a day after they expired (reuse detection needs them until then), spent or expired Telegram link
 * codes, Telegram initData past its age, throttle rows quiet for longer than the lock memory, known sign-in addresses past their time, and audit entries
 * older than {@code SSO_AUDIT_RETENTION} when it is set.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final long EXPIRED_TOKEN_GRACE_SECONDS = 24 * 3600;

    /** How many rows one pass deleted, by kind. */
    public record Pass(int refreshTokens, int linkCodes, int throttleRows, int auditEntries, int initData) {
        int total() {
            return refreshTokens + linkCodes + throttleRows + auditEntries + initData;
        }
    }

    private final Pool db;
    private final RefreshTokenStore refreshTokens;
    private final LinkCodeStore linkCodes;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final InitDataSeenStore initData;
    private final SsoConfig config;
    private final InvitationStore invitations;

    Retention(Pool db, RefreshTokenStore refreshTokens, LinkCodeStore linkCodes, LoginThrottle throttle, AuditLog audit,
            InitDataSeenStore initData, SsoConfig config, InvitationStore invitations) {
        this.invitations = invitations;
        this.initData = initData;
        this.db = db;
        this.refreshTokens = refreshTokens;
        this.linkCodes = linkCodes;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config;
    }

    @Scheduled(every = "${sso.retention.every}", delayed = "1m", identity = "sso-retention",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().invoke(pass -> {
            if (pass.total() > 0) {
                LOG.infof("retention: deleted %s", pass);
            }
        }).replaceWithVoid();
    }

    public Uni<Pass> run() {
        return refreshTokens.deleteExpired(db, EXPIRED_TOKEN_GRACE_SECONDS)
                .flatMap(tokens -> linkCodes.deleteSpent().flatMap(links -> invitations.deleteSpent(db).map(invites -> links + invites))
                        .flatMap(codes -> throttle.purge()
                                .flatMap(rows -> (config.retention().audit().isPresent()
                                        ? audit.deleteOlderThan(config.retention().audit().get())
                                        : Uni.createFrom().item(0))
                                        .flatMap(entries -> initData.deleteExpired()
                                                .map(used -> new Pass(tokens, codes, rows, entries, used))))));
    }
}
