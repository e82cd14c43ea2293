package edu.campus.sso.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.common.error.ErrorCodes;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.SsoMetrics;
import edu.campus.sso.audit.AuditLog;
import edu.campus.sso.auth.AuthDtos.LoginRequest;
import edu.campus.sso.auth.AuthDtos.Me;
import edu.campus.sso.auth.AuthDtos.TokenPair;
import edu.campus.sso.token.RefreshToken;
import edu.campus.sso.token.RefreshTokenStore;
import edu.campus.sso.user.User;
import edu.campus.sso.user.UserStore;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Sign-in and the token lifecycle. Password checks (bcrypt, deliberately slow) run on a worker thread, never on
 * the event loop, and outside any transaction. Unknown users cost the same bcrypt as known ones.
 */
@ApplicationScoped
public class AuthService {

    private final Pool db;
    private final Tokens tokens;
    private final UserStore users;
    private final RefreshTokenStore refreshTokens;
    private final LoginThrottle throttle;
    private final SsoMetrics metrics;
    private final AuditLog audit;
    private final Vertx vertx;
    private final SsoConfig config;
    /** Compared against when there is no user or no password, so that timing does not reveal which. */
    private final DecoyHash decoy;

    AuthService(Pool db, Tokens tokens, UserStore users, RefreshTokenStore refreshTokens, LoginThrottle throttle, AuditLog audit, Vertx vertx,
            SsoConfig config, SsoMetrics metrics, DecoyHash decoy) {
        this.db = db;
        this.metrics = metrics;
        this.tokens = tokens;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
        this.audit = audit;
        this.vertx = vertx;
        this.config = config;
        this.decoy = decoy;
    }

    /**
     * A password sign-in. The attempt is counted before the password is checked ({@link LoginThrottle}); a wrong
     * password, an unknown user, another app and a deactivated account all answer the same 401.
     */
    public Uni<TokenPair> login(LoginRequest request, String address) {
        String username = request.username().trim();
        return throttle.attempt(username, address).flatMap(attempt -> {
            if (attempt.refused()) {
                metrics.signIn("password", SsoMetrics.SignIn.throttled);
                return Uni.createFrom().failure(tooManyAttempts(attempt.retryAfter()));
            }
            metrics.blocked(attempt.lockedNow());
            return users.byUsername(username).flatMap(user -> passwordMatches(request.password(), user == null ? null : user.passwordHash)
                    .flatMap(matches -> {
                        boolean rightPassword = matches && user != null && user.app == request.app();
                        if (!rightPassword || !user.isActive) {
                            metrics.signIn("password", rightPassword ? SsoMetrics.SignIn.inactive : SsoMetrics.SignIn.wrong_credentials);
                            JsonObject details = new JsonObject().put("address", address);
                            if (rightPassword) {
                                details.put("reason", "inactive");
                            }
                            return db.withTransaction(tx -> audit.record(tx, username, "login_failed", null, details))
                                    .replaceWith(Uni.createFrom().failure(ApiException.unauthorized("wrong username, password or app")));
                        }
                        metrics.signIn("password", SsoMetrics.SignIn.success);
                        return throttle.succeeded(username, address)
                                .chain(() -> issue(user, UUID.randomUUID(), username, "login",
                                        new JsonObject().put("app", user.app.name()).put("address", address)));
                    }));
        });
    }

    /** Rotates a refresh token. A rotated token presented again revokes its whole family. */
    public Uni<TokenPair> refresh(String presented) {
        byte[] hash = Tokens.hash(presented);
        return Panache.withTransaction(() -> refreshTokens.lockByHash(hash)
                .flatMap(token -> {
                    Instant now = Instant.now();
                    if (token == null || token.expiresAt.isBefore(now)
                            || !now.isBefore(token.familyStartedAt.plus(config.session().maxLifetime()))) {
                        return Uni.createFrom().item(Rotation.invalid());
                    }
                    if (token.usedAt != null) {
                        // a rotated token came back: someone holds a copy, so the whole sign-in ends (with its audit entry)
                        metrics.refreshReuse();
                        return revokeFamily(token.familyId, now)
                                .call(() -> audit.recordInSession("user:" + token.userId, "refresh_reuse_detected",
                                        "family:" + token.familyId, null))
                                .replaceWith(Rotation.reused(token));
                    }
                    if (token.revokedAt != null) {
                        return Uni.createFrom().item(Rotation.invalid());
                    }
                    token.usedAt = now;
                    return users.byIdInSession(token.userId).flatMap(user -> user == null || !user.isActive
                            ? revokeFamily(token.familyId, now).replaceWith(Rotation.invalid())
                            : newRefreshToken(user, token.familyId, token.familyStartedAt, now)
                                    .map(refresh -> Rotation.rotated(pair(user, refresh, now))));
                }))
                // the revocation above has committed before the caller hears no
                .flatMap(rotation -> switch (rotation.kind()) {
                    case ROTATED -> Uni.createFrom().item(rotation.pair());
                    case REUSED -> Uni.createFrom().failure(new ApiException(401, "refresh_token_reused",
                            "this refresh token was already used; its sign-in has been revoked", Map.of()));
                    case INVALID -> Uni.createFrom().failure(ApiException.unauthorized("refresh token is not valid"));
                });
    }

    /** Revokes the sign-in (token family) the refresh token belongs to. Unknown tokens are ignored. */
    public Uni<Void> logout(String presented) {
        byte[] hash = Tokens.hash(presented);
        return Panache.withTransaction(() -> refreshTokens.byHash(hash)
                .flatMap(token -> token == null ? Uni.createFrom().voidItem()
                        : revokeFamily(token.familyId, Instant.now())
                                .flatMap(revoked -> revoked == 0 ? Uni.createFrom().voidItem() // ended before: nothing new
                                        : audit.recordInSession("user:" + token.userId, "logout", "family:" + token.familyId, null))));
    }

    /** Tokens for an account whose identity was proven another way (Telegram initData); it must be active. */
    public Uni<TokenPair> signInLinked(long userId, String via) {
        return users.byId(userId).flatMap(user -> {
            if (user == null || !user.isActive) {
                metrics.signIn(via, SsoMetrics.SignIn.inactive);
                return Uni.createFrom().failure(new ApiException(403, "account_inactive", "this account is deactivated", Map.of()));
            }
            metrics.signIn(via, SsoMetrics.SignIn.success);
            return issue(user, UUID.randomUUID(), user.username, "login", new JsonObject().put("via", via));
        });
    }

    public Uni<Me> me(long id) {
        return users.byId(id).map(user -> {
            if (user == null || !user.isActive) {
                throw ApiException.unauthorized("the account behind this token is gone or deactivated");
            }
            return new Me(user.id, user.username, user.fullName, user.app, user.role, user.entityId);
        });
    }

    /** A new sign-in: its first refresh token and its audit entry, in one transaction. */
    private Uni<TokenPair> issue(User user, UUID family, String actor, String action, JsonObject details) {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> newRefreshToken(user, family, now, now)
                .call(() -> audit.recordInSession(actor, action, "user:" + user.id, details)))
                .map(refresh -> pair(user, refresh, now));
    }

    /** A refresh token valid for the idle timeout, never past the sign-in's absolute lifetime. */
    private Uni<Issued> newRefreshToken(User user, UUID family, Instant familyStartedAt, Instant now) {
        String refresh = tokens.newRefreshToken();
        Instant idleEnd = now.plus(config.session().idleTimeout());
        Instant absoluteEnd = familyStartedAt.plus(config.session().maxLifetime());
        Instant expires = idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd;
        return refreshTokens.insert(user.id, family, familyStartedAt, Tokens.hash(refresh), now, expires)
                .replaceWith(new Issued(refresh, expires));
    }

    private record Issued(String token, Instant expiresAt) {
    }

    private TokenPair pair(User user, Issued refresh, Instant now) {
        return new TokenPair(tokens.accessToken(user, now), "Bearer", tokens.accessTtlSeconds(), refresh.token(),
                Math.max(0, java.time.Duration.between(now, refresh.expiresAt()).toSeconds()));
    }

    private Uni<Integer> revokeFamily(UUID family, Instant now) {
        return refreshTokens.revokeFamily(family, now);
    }

    private Uni<Boolean> passwordMatches(String password, String hash) {
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > edu.campus.sso.user.Password.MAX_BYTES) {
            // never stored (bcrypt would compare only its first 72 bytes): whatever follows them must not sign in
            return Uni.createFrom().item(false);
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.matches(password, hash == null ? decoy.get() : hash) && hash != null),
                false);
    }

    private static ApiException tooManyAttempts(long seconds) {
        return new ApiException(429, ErrorCodes.TOO_MANY_REQUESTS, "too many failed sign-ins; try again later",
                Map.of("retry_after_seconds", seconds));
    }

    private record Rotation(Kind kind, TokenPair pair, RefreshToken token) {
        enum Kind {
            ROTATED, REUSED, INVALID
        }

        static Rotation rotated(TokenPair pair) {
            return new Rotation(Kind.ROTATED, pair, null);
        }

        static Rotation reused(RefreshToken token) {
            return new Rotation(Kind.REUSED, null, token);
        }

        static Rotation invalid() {
            return new Rotation(Kind.INVALID, null, null);
        }
    }
}
