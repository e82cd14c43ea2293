package edu.campus.db.telegram;

import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.token.Secrets;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code telegram_init_data_seen} table of a service that signs people in with Telegram initData (sso, main): initData
 * already used, by SHA-256, until it would be refused as stale anyway. Each such service has the table in its own schema.
 */
@ApplicationScoped
public class InitDataSeenStore {

    private final Pool db;

    InitDataSeenStore(Pool db) {
        this.db = db;
    }

    /** Records this initData; false when it was recorded before (a replay). Atomic across instances. */
    public Uni<Boolean> firstUse(String initData, Instant expiresAt) {
        return db.preparedQuery("insert into telegram_init_data_seen (digest, expires_at) values ($1, $2) on conflict (digest) do nothing")
                .execute(Tuple.of(Buffer.buffer(Secrets.sha256(initData)), expiresAt.atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Integer> deleteExpired() {
        return db.query("delete from telegram_init_data_seen where expires_at < now()").execute().map(rows -> rows.rowCount());
    }
}
