package edu.campus.bot.webhook;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.bot.BotConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code updates} table: each Telegram update id is handled once; ids older than {@code bot.updates.keep} go. */
@ApplicationScoped
public class UpdateStore {

    private static final Logger LOG = Logger.getLogger(UpdateStore.class);
    private static final long CLEANUP_EVERY_MS = 60_000;

    private final Pool db;
    private final BotConfig.Updates config;
    private final AtomicLong lastCleanup = new AtomicLong();

    UpdateStore(Pool db, BotConfig config) {
        this.db = db;
        this.config = config.updates();
    }

    /** True the first time this update id is seen (then it is recorded); false for a repeat. */
    public Uni<Boolean> firstTime(long updateId) {
        cleanupNow();
        return db.preparedQuery("insert into updates (update_id) values ($1) on conflict do nothing").execute(Tuple.of(updateId))
                .map(rows -> rows.rowCount() == 1);
    }

    private void cleanupNow() {
        long now = System.currentTimeMillis();
        long last = lastCleanup.get();
        if (now - last < CLEANUP_EVERY_MS || !lastCleanup.compareAndSet(last, now)) {
            return;
        }
        db.preparedQuery("delete from updates where received_at < $1").execute(Tuple.of(OffsetDateTime.now(ZoneOffset.UTC).minus(config.keep())))
                .subscribe().with(rows -> { }, failure -> LOG.warnf("updates cleanup failed: %s", failure.getMessage()));
    }
}
