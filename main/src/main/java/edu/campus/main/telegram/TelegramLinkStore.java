package edu.campus.main.telegram;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.main.student.StudentDtos.TelegramView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** The {@code student_telegram_links} table: one Telegram account ↔ one student. */
@ApplicationScoped
public class TelegramLinkStore {

    private final Pool db;

    TelegramLinkStore(Pool db) {
        this.db = db;
    }

    public Uni<TelegramView> ofStudent(long studentId) {
        return db.preparedQuery("select telegram_id, telegram_username, linked_at from student_telegram_links where student_id = $1")
                .execute(Tuple.of(studentId))
                .map(rows -> rows.iterator().hasNext() ? view(rows.iterator().next()) : null);
    }

    /** The student linked to this Telegram account, or null. */
    public Uni<Long> studentOf(long telegramId) {
        return db.preparedQuery("select student_id from student_telegram_links where telegram_id = $1").execute(Tuple.of(telegramId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong(0) : null);
    }

    /**
     * Links (or re-links) the student's Telegram in the caller's transaction; a Telegram account of another student fails
     * it with a unique violation ({@link #isTaken}).
     */
    public Uni<Void> link(SqlClient tx, long studentId, long telegramId, String username) {
        return tx.preparedQuery("""
                insert into student_telegram_links (student_id, telegram_id, telegram_username) values ($1, $2, $3)
                on conflict (student_id) do update set telegram_id = excluded.telegram_id,
                    telegram_username = excluded.telegram_username, linked_at = now()""")
                .execute(Tuple.of(studentId, telegramId, username)).replaceWithVoid();
    }

    /** The failure of {@link #link} when that Telegram account belongs to another student. */
    public static boolean isTaken(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    /** True when a link was removed. */
    public Uni<Boolean> unlink(long studentId) {
        return db.preparedQuery("delete from student_telegram_links where student_id = $1").execute(Tuple.of(studentId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** True when the Telegram account's link was removed (the bot's /unlink). */
    public Uni<Boolean> unlinkTelegram(long telegramId) {
        return db.preparedQuery("delete from student_telegram_links where telegram_id = $1").execute(Tuple.of(telegramId))
                .map(rows -> rows.rowCount() == 1);
    }

    private static TelegramView view(io.vertx.mutiny.sqlclient.Row row) {
        return new TelegramView(row.getLong("telegram_id"), row.getString("telegram_username"), row.getOffsetDateTime("linked_at"));
    }
}
