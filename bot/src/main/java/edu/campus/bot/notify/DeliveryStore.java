package edu.campus.bot.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code deliveries} table: one row per (event, chat), the log of every message the notifier sent or did not. */
@ApplicationScoped
public class DeliveryStore {

    public record Delivery(long id, long chatId, String text) {
    }

    private final Pool db;

    DeliveryStore(Pool db) {
        this.db = db;
    }

    /** Plans a message for a chat in the inbox's transaction; a second plan for the same (event, chat) does nothing. */
    public Uni<Void> plan(SqlClient tx, UUID eventId, String eventType, String recipient, long chatId, String text) {
        return tx.preparedQuery("""
                insert into deliveries (event_id, event_type, recipient, chat_id, text, status) values ($1, $2, $3, $4, $5, 'pending')
                on conflict (event_id, chat_id) do nothing""")
                .execute(Tuple.from(List.of(eventId, eventType, recipient, chatId, text))).replaceWithVoid();
    }

    /** The event's deliveries still to be sent. */
    public Uni<List<Delivery>> pending(UUID eventId) {
        return db.preparedQuery("select id, chat_id, text from deliveries where event_id = $1 and status = 'pending' order by id")
                .execute(Tuple.of(eventId)).map(rows -> {
                    List<Delivery> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new Delivery(row.getLong("id"), row.getLong("chat_id"), row.getString("text"))));
                    return list;
                });
    }

    /** Takes a pending delivery for sending (one instance wins); false when another took it or it is done. */
    public Uni<Boolean> claim(long id) {
        return db.preparedQuery("update deliveries set status = 'sending', attempts = attempts + 1, updated_at = now() where id = $1 and status = 'pending'")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> finish(long id, DeliveryStatus status, Long telegramMessageId, String error) {
        return db.preparedQuery("update deliveries set status = $2, telegram_message_id = $3, error = $4, updated_at = now() where id = $1")
                .execute(Tuple.from(java.util.Arrays.asList(id, status.name(), telegramMessageId, error))).replaceWithVoid();
    }

    /** Not delivered for sure (Telegram's 5xx, a refused connection): pending again for the next try. */
    public Uni<Void> release(long id, String error) {
        return db.preparedQuery("update deliveries set status = 'pending', error = $2, updated_at = now() where id = $1 and status = 'sending'")
                .execute(Tuple.of(id, error)).replaceWithVoid();
    }
}
