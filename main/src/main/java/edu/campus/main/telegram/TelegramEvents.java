package edu.campus.main.telegram;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.events.Outbox;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** main's event: a student linked their Telegram account (through the outbox, in the link's transaction). Version 1. */
@ApplicationScoped
public class TelegramEvents {

    public static final String LINKED = "main.student.telegram_linked";

    @RegisterForReflection
    public record Linked(long studentId, long telegramId) {
    }

    private final Outbox outbox;

    TelegramEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> linked(SqlClient tx, long studentId, long telegramId) {
        return outbox.add(tx, LINKED, 1, new Linked(studentId, telegramId)).replaceWithVoid();
    }
}
