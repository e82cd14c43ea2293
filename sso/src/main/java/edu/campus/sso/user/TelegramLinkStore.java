package edu.campus.sso.user;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code telegram_links} table: at most one Telegram account per user, and one user per Telegram account. */
@ApplicationScoped
public class TelegramLinkStore {

    private final Pool db;

    TelegramLinkStore(Pool db) {
        this.db = db;
    }

    /** Attaches (or replaces) the user's Telegram account; a Telegram account of another user fails with its constraint. */
    public Uni<Void> attach(SqlClient tx, long userId, long telegramId, String telegramUsername, Long chatId) {
        return tx.preparedQuery("""
                insert into telegram_links (user_id, telegram_id, telegram_username, chat_id) values ($1, $2, $3, $4)
                on conflict (user_id) do update set telegram_id = excluded.telegram_id,
                  telegram_username = excluded.telegram_username, chat_id = excluded.chat_id, linked_at = now()
                """).execute(Tuple.of(userId, telegramId, telegramUsername, chatId)).replaceWithVoid();
    }

    public Uni<Boolean> detach(SqlClient tx, long userId) {
        return tx.preparedQuery("delete from telegram_links where user_id = $1").execute(Tuple.of(userId)).map(rows -> rows.rowCount() > 0);
    }

    /** Removes the link of a Telegram account; the user it belonged to, if any. */
    public Uni<Optional<Long>> detachTelegram(SqlClient tx, long telegramId) {
        return tx.preparedQuery("delete from telegram_links where telegram_id = $1 returning user_id").execute(Tuple.of(telegramId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("user_id")) : Optional.empty());
    }

    /** Where the bot writes to an account. */
    public record Chat(long userId, long telegramId, long chatId) {
    }

    /** An account's chat (chat id, else the Telegram id: in a private chat they are the same), if it is linked and active. */
    public Uni<Optional<Chat>> chatOf(String app, String role, long entityId) {
        return db.preparedQuery("""
                select u.id as user_id, l.telegram_id, coalesce(l.chat_id, l.telegram_id) as chat_id
                from users u join telegram_links l on l.user_id = u.id
                where u.app = $1 and u.role = $2 and u.entity_id = $3 and u.is_active""")
                .execute(Tuple.of(app, role, entityId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(chat(rows.iterator().next())) : Optional.empty());
    }

    private static Chat chat(io.vertx.mutiny.sqlclient.Row row) {
        return new Chat(row.getLong("user_id"), row.getLong("telegram_id"), row.getLong("chat_id"));
    }

    public Uni<Optional<Long>> userOf(long telegramId) {
        return db.preparedQuery("select user_id from telegram_links where telegram_id = $1").execute(Tuple.of(telegramId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong("user_id")) : Optional.empty());
    }
}
