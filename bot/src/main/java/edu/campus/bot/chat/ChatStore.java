package edu.campus.bot.chat;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code chats} table: chats that blocked the bot, and those that wrote to it again since. */
@ApplicationScoped
public class ChatStore {

    private final Pool db;

    ChatStore(Pool db) {
        this.db = db;
    }

    /** The user wrote to the bot: the chat is reachable (again). */
    public Uni<Void> active(long chatId) {
        return set(chatId, ChatStatus.active);
    }

    /** Telegram answered 403: the user blocked the bot. */
    public Uni<Void> blocked(long chatId) {
        return set(chatId, ChatStatus.blocked);
    }

    public Uni<Boolean> isBlocked(long chatId) {
        return db.preparedQuery("select status from chats where chat_id = $1").execute(Tuple.of(chatId))
                .map(rows -> rows.iterator().hasNext() && ChatStatus.blocked.name().equals(rows.iterator().next().getString(0)));
    }

    private Uni<Void> set(long chatId, ChatStatus status) {
        return db.preparedQuery("""
                insert into chats (chat_id, status) values ($1, $2)
                on conflict (chat_id) do update set status = excluded.status, changed_at = now()
                where chats.status <> excluded.status""")
                .execute(Tuple.of(chatId, status.name())).replaceWithVoid();
    }
}
