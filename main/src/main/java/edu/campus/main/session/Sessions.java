package edu.campus.main.session;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.common.token.Secrets;
import edu.campus.main.MainConfig;
import edu.campus.main.MainMetrics;
import edu.campus.main.keys.LaunchKeys;
import edu.campus.main.session.SessionDtos.SessionTokens;
import edu.campus.main.student.Student;
import edu.campus.main.student.StudentStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Students' sessions, like sso's: a short access token and a rotating refresh token (stored hashed) per sign-in
 * (a family). A rotated token presented again ends the whole sign-in; a sign-in ends after the idle timeout without a
 * refresh and at its absolute lifetime whatever happens.
 */
@ApplicationScoped
public class Sessions {

    private final SecureRandom random = new SecureRandom();
    private final Pool db;
    private final SessionStore store;
    private final StudentStore students;
    private final LaunchKeys keys;
    private final MainConfig.Session config;
    private final MainMetrics metrics;

    Sessions(Pool db, SessionStore store, StudentStore students, LaunchKeys keys, MainConfig config, MainMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.store = store;
        this.students = students;
        this.keys = keys;
        this.config = config.session();
    }

    /** A new sign-in of this student; {@code casTicket} (null for Telegram) lets CAS single logout end it. */
    public Uni<SessionTokens> start(Student student, String casTicket) {
        Instant now = Instant.now();
        String refresh = newSecret();
        Instant expires = refreshExpiry(now, now);
        return store.insert(db, student.id(), UUID.randomUUID(), now, hash(refresh), casTicket == null ? null : hash(casTicket), now, expires)
                .map(ignored -> tokens(student, refresh, expires, now));
    }

    /** Rotates a refresh token; a rotated one presented again ends its sign-in (401 refresh_token_reused). */
    public Uni<SessionTokens> refresh(String presented) {
        byte[] hash = hash(presented);
        return db.withTransaction(tx -> store.lockByHash(tx, hash).flatMap(token -> {
            Instant now = Instant.now();
            if (token == null || token.revokedAt() != null && token.usedAt() == null || token.expiresAt().isBefore(now)
                    || !now.isBefore(token.familyStartedAt().plus(config.maxLifetime()))) {
                return Uni.createFrom().item(Rotation.INVALID);
            }
            if (token.usedAt() != null) {
                return store.revokeFamily(tx, token.familyId()).replaceWith(Rotation.REUSED);
            }
            return students.byId(token.studentId()).flatMap(student -> {
                if (student == null) {
                    return Uni.createFrom().item(Rotation.INVALID);
                }
                String refresh = newSecret();
                Instant expires = refreshExpiry(token.familyStartedAt(), now);
                return store.markUsed(tx, token.id())
                        .chain(() -> store.insert(tx, student.id(), token.familyId(), token.familyStartedAt(), hash(refresh),
                                token.casTicketHash(), now, expires))
                        .map(ignored -> new Rotation(tokens(student, refresh, expires, now)));
            });
        })).map(rotation -> {
            if (rotation == Rotation.REUSED) {
                metrics.refreshReuse();
                throw new ApiException(401, "refresh_token_reused", "this refresh token was already used; its sign-in has been ended", Map.of());
            }
            if (rotation == Rotation.INVALID) {
                throw ApiException.unauthorized("refresh token is not valid");
            }
            return rotation.tokens();
        });
    }

    /** Ends the sign-in the refresh token belongs to; unknown tokens are ignored. */
    public Uni<Void> logout(String presented) {
        byte[] hash = hash(presented);
        return db.withTransaction(tx -> store.lockByHash(tx, hash)
                .flatMap(token -> token == null ? Uni.createFrom().voidItem() : store.revokeFamily(tx, token.familyId()).replaceWithVoid()));
    }

    /** CAS single logout: ends the sign-ins made with this service ticket; how many tokens were ended. */
    public Uni<Integer> endCasSession(String serviceTicket) {
        return store.revokeByCasTicket(hash(serviceTicket));
    }

    private SessionTokens tokens(Student student, String refresh, Instant refreshExpires, Instant now) {
        String access = keys.sign(LaunchKeys.MAIN_AUDIENCE, student.id(), student.displayName(), student.email(), student.groupName(), now,
                config.accessTtl());
        return new SessionTokens(access, "Bearer", config.accessTtl().toSeconds(), refresh,
                Math.max(0, Duration.between(now, refreshExpires).toSeconds()), student.id());
    }

    private Instant refreshExpiry(Instant familyStartedAt, Instant now) {
        Instant idle = now.plus(config.idleTimeout());
        Instant absolute = familyStartedAt.plus(config.maxLifetime());
        return idle.isBefore(absolute) ? idle : absolute;
    }

    private String newSecret() {
        return Secrets.newToken(random);
    }

    /** What the database keeps of a refresh token or a service ticket. */
    static byte[] hash(String secret) {
        return Secrets.sha256(secret);
    }

    private record Rotation(SessionTokens tokens) {
        static final Rotation INVALID = new Rotation(null);
        static final Rotation REUSED = new Rotation(null);
    }
}
