package edu.campus.sso.token;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code refresh_tokens} table. Sign-in and rotation work on the entity inside a Panache transaction; ending
 * every sign-in of an account (deactivation, password reset) joins the caller's SQL-client transaction.
 */
@ApplicationScoped
public class RefreshTokenStore {

    /** The token with this hash, locked for the rest of the Panache transaction (rotation). */
    public Uni<RefreshToken> lockByHash(byte[] hash) {
        return RefreshToken.<RefreshToken> find("tokenHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<RefreshToken> byHash(byte[] hash) {
        return RefreshToken.<RefreshToken> find("tokenHash", hash).firstResult();
    }

    public Uni<RefreshToken> insert(long userId, UUID family, Instant familyStartedAt, byte[] hash, Instant issuedAt, Instant expiresAt) {
        RefreshToken row = new RefreshToken();
        row.userId = userId;
        row.familyId = family;
        row.familyStartedAt = familyStartedAt;
        row.tokenHash = hash;
        row.issuedAt = issuedAt;
        row.expiresAt = expiresAt;
        return row.persist();
    }

    /** Ends a sign-in: every token of the family that is not revoked yet. */
    public Uni<Integer> revokeFamily(UUID family, Instant now) {
        return RefreshToken.update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, family);
    }

    /** Deletes tokens that expired more than {@code graceSeconds} ago (reuse detection needs them only until then); how many. */
    public Uni<Integer> deleteExpired(SqlClient client, long graceSeconds) {
        return client.preparedQuery("delete from refresh_tokens where expires_at < now() - make_interval(secs => $1)")
                .execute(Tuple.of((double) graceSeconds)).map(rows -> rows.rowCount());
    }

    /** Ends every sign-in of an account, inside {@code tx}. */
    public Uni<Void> revokeAllOfUser(SqlClient tx, long userId) {
        return tx.preparedQuery("update refresh_tokens set revoked_at = now() where user_id = $1 and revoked_at is null")
                .execute(Tuple.of(userId)).replaceWithVoid();
    }
}
