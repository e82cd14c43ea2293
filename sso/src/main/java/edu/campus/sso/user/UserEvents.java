package edu.campus.sso.user;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import edu.campus.events.Outbox;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * The events SSO publishes (through the outbox, in the transaction of the change, next to its audit entry): an account
 * deactivated, activated again or deleted — with the app, role and entity id the domain services know it by, so they can drop what they
 * hold for it at once — and a Telegram account linked. Ids only; never a name, a password or a token. Version 1.
 */
@ApplicationScoped
public class UserEvents {

    public static final String DEACTIVATED = "sso.user.deactivated";
    public static final String ACTIVATED = "sso.user.activated";
    public static final String DELETED = "sso.user.deleted";
    public static final String TELEGRAM_LINKED = "sso.telegram.linked";

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Account(long userId, User.App app, User.Role role, Long entityId) {
    }

    @RegisterForReflection
    public record TelegramLinked(long userId, long telegramId) {
    }

    private final Outbox outbox;

    UserEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> deactivated(SqlClient tx, Account account) {
        return outbox.add(tx, DEACTIVATED, 1, account).replaceWithVoid();
    }

    public Uni<Void> activated(SqlClient tx, Account account) {
        return outbox.add(tx, ACTIVATED, 1, account).replaceWithVoid();
    }

    public Uni<Void> deleted(SqlClient tx, Account account) {
        return outbox.add(tx, DELETED, 1, account).replaceWithVoid();
    }

    public Uni<Void> telegramLinked(SqlClient tx, long userId, long telegramId) {
        return outbox.add(tx, TELEGRAM_LINKED, 1, new TelegramLinked(userId, telegramId)).replaceWithVoid();
    }
}
