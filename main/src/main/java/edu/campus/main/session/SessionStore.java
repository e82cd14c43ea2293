package edu.campus.main.session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code student_sessions} table: refresh tokens (SHA-256 only), one family per sign-in. */
@ApplicationScoped
public class SessionStore {

    /** A refresh token as stored. */
    public record Token(long id, long studentId, UUID familyId, Instant familyStartedAt, Instant expiresAt, Instant usedAt,
            Instant revokedAt, byte[] casTicketHash) {

        static Token of(Row row) {
            var ticket = row.getBuffer("cas_ticket_hash");
            return new Token(row.getLong("id"), row.getLong("student_id"), row.getUUID("family_id"), instant(row, "family_started_at"),
                    instant(row, "expires_at"), instant(row, "used_at"), instant(row, "revoked_at"), ticket == null ? null : ticket.getBytes());
        }

        private static Instant instant(Row row, String column) {
            OffsetDateTime value = row.getOffsetDateTime(column);
            return value == null ? null : value.toInstant();
        }
    }

    private final Pool db;

    SessionStore(Pool db) {
        this.db = db;
    }

    /** The token with this hash, locked until {@code tx} ends (rotation); null when unknown. */
    public Uni<Token> lockByHash(SqlClient tx, byte[] hash) {
        return tx.preparedQuery("select * from student_sessions where token_hash = $1 for update")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .map(rows -> rows.iterator().hasNext() ? Token.of(rows.iterator().next()) : null);
    }

    public Uni<Void> insert(SqlClient client, long studentId, UUID family, Instant familyStartedAt, byte[] hash, byte[] casTicketHash,
            Instant issuedAt, Instant expiresAt) {
        return client.preparedQuery("""
                insert into student_sessions (student_id, family_id, token_hash, cas_ticket_hash, issued_at, family_started_at, expires_at)
                values ($1, $2, $3, $4, $5, $6, $7)""")
                .execute(Tuple.from(new Object[] { studentId, family, Buffer.buffer(hash),
                        casTicketHash == null ? null : Buffer.buffer(casTicketHash), utc(issuedAt), utc(familyStartedAt), utc(expiresAt) }))
                .replaceWithVoid();
    }

    public Uni<Void> markUsed(SqlClient tx, long id) {
        return tx.preparedQuery("update student_sessions set used_at = now() where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Ends a sign-in: every token of the family not revoked yet; how many. */
    public Uni<Integer> revokeFamily(SqlClient client, UUID family) {
        return client.preparedQuery("update student_sessions set revoked_at = now() where family_id = $1 and revoked_at is null")
                .execute(Tuple.of(family)).map(rows -> rows.rowCount());
    }

    /** Ends the sign-in(s) that came from this CAS service ticket (single logout); how many tokens. */
    public Uni<Integer> revokeByCasTicket(byte[] ticketHash) {
        return db.preparedQuery("""
                update student_sessions set revoked_at = now()
                where revoked_at is null and family_id in (select family_id from student_sessions where cas_ticket_hash = $1)""")
                .execute(Tuple.of(Buffer.buffer(ticketHash))).map(rows -> rows.rowCount());
    }

    /** Forgets tokens that expired more than a day ago (reuse detection needs them only until then); how many. */
    public Uni<Integer> deleteExpired() {
        return db.query("delete from student_sessions where expires_at < now() - interval '1 day'").execute().map(rows -> rows.rowCount());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
