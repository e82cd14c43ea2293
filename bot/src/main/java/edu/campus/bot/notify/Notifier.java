package edu.campus.bot.notify;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import edu.campus.bot.BotMetrics;
import edu.campus.bot.chat.ChatStore;
import edu.campus.bot.notify.DeliveryStore.Delivery;
import edu.campus.bot.notify.Notifications.Account;
import edu.campus.bot.notify.Notifications.Notice;
import edu.campus.bot.notify.Notifications.Recipient;
import edu.campus.bot.notify.Notifications.Student;
import edu.campus.bot.telegram.Sender;
import edu.campus.common.main.MainModel.StudentTelegram;
import edu.campus.common.main.client.MainClient;
import edu.campus.common.sso.SsoModel.TelegramChat;
import edu.campus.common.sso.client.SsoClient;
import edu.campus.events.Consumers;
import edu.campus.events.Inbox;
import edu.campus.events.ReceivedEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Platform events → Telegram messages. Per event: the notice ({@link Notifications}), the recipient's chat (main for
 * students, SSO for staff and teachers), then
 * — in one transaction with the inbox record — a planned delivery per chat; then every planned delivery still pending
 * is sent ({@link Sender}). A redelivered event finds its inbox record and only sends what is still pending; a delivery
 * claimed before a crash is never sent again. A failure (main or Telegram unreachable) is retried with back-off, then
 * the message goes to the dead-letter queue ({@code bot.notifier.dlq}); a poison message goes there at once.
 */
@ApplicationScoped
public class Notifier {

    static final String CONSUMER = "notifier";
    private static final Logger LOG = Logger.getLogger(Notifier.class);

    /** Telegram did not take a message yet (5xx, unreachable): the event is tried again later. */
    static final class NotDeliveredYet extends RuntimeException {
        NotDeliveredYet(String message) {
            super(message, null, false, false);
        }
    }

    private final Notifications notifications;
    private final MainClient main;
    private final SsoClient sso;
    private final Inbox inbox;
    private final DeliveryStore deliveries;
    private final ChatStore chats;
    private final Sender sender;
    private final BotMetrics metrics;
    private final Consumers consumers;

    Notifier(Notifications notifications, MainClient main, SsoClient sso, Inbox inbox, DeliveryStore deliveries, ChatStore chats, Sender sender,
            BotMetrics metrics, Consumers consumers) {
        this.notifications = notifications;
        this.main = main;
        this.sso = sso;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.chats = chats;
        this.sender = sender;
        this.metrics = metrics;
        this.consumers = consumers;
    }

    @Incoming("notifier")
    public Uni<Void> consume(byte[] body) {
        return consumers.consume(CONSUMER, body, this::handle);
    }

    /** One event, as often as it is delivered: planned once, each message sent at most once. */
    public Uni<Void> handle(ReceivedEvent event) {
        Optional<Notice> notice = notifications.of(event);
        if (notice.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return inbox.handled(CONSUMER, event.id())
                .flatMap(handled -> handled ? Uni.createFrom().voidItem() : plan(event, notice.get()))
                .chain(() -> deliverPending(event));
    }

    private Uni<Void> plan(ReceivedEvent event, Notice notice) {
        return chatOf(notice.recipient()).flatMap(chat -> inbox.once(CONSUMER, event.id(), tx -> {
            if (chat.isEmpty()) {
                metrics.delivery("no_link");
                LOG.debugf("%s %s: %s has no Telegram link", event.type(), event.id(), notice.recipient().key());
                return Uni.createFrom().voidItem();
            }
            return deliveries.plan(tx, event.id(), event.type(), notice.recipient().key(), chat.get(), notice.text());
        })).replaceWithVoid();
    }

    /** The recipient's chat: students' links live in main, everyone else's in SSO. */
    private Uni<Optional<Long>> chatOf(Recipient recipient) {
        return switch (recipient) {
            case Student student -> main.studentTelegram(student.studentId()).map(link -> link.map(StudentTelegram::telegramId));
            case Account account -> sso.telegramChat(account.app(), account.role(), account.entityId())
                    .map(chat -> chat.map(TelegramChat::chatId));
        };
    }

    private Uni<Void> deliverPending(ReceivedEvent event) {
        return deliveries.pending(event.id()).flatMap(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(delivery -> deliver(event, delivery))
                .collect().asList())
                .flatMap(results -> {
                    List<String> later = results.stream().filter(r -> r != null).toList();
                    return later.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.createFrom().failure(new NotDeliveredYet("not delivered yet: " + String.join("; ", later)));
                });
    }

    /** Sends one delivery; a non-null result is why it must be tried again. */
    private Uni<String> deliver(ReceivedEvent event, Delivery delivery) {
        return deliveries.claim(delivery.id()).flatMap(claimed -> {
            if (!claimed) {
                return Uni.createFrom().nullItem();
            }
            return chats.isBlocked(delivery.chatId()).flatMap(blocked -> {
                if (blocked) {
                    metrics.delivery("skipped");
                    return deliveries.finish(delivery.id(), DeliveryStatus.skipped, null, "the chat blocked the bot").replaceWith((String) null);
                }
                return sender.send(delivery.chatId(), delivery.text()).flatMap(outcome -> {
                    LOG.infof("delivery %d (%s %s) to chat %d: %s", delivery.id(), event.type(), event.id(), delivery.chatId(), outcome.result());
                    metrics.delivery(outcome.result().name().toLowerCase(java.util.Locale.ROOT));
                    return switch (outcome.result()) {
                        case SENT -> deliveries.finish(delivery.id(), DeliveryStatus.sent, outcome.messageId(), null).replaceWith((String) null);
                        case BLOCKED -> chats.blocked(delivery.chatId())
                                .chain(() -> deliveries.finish(delivery.id(), DeliveryStatus.blocked, null, outcome.error()))
                                .replaceWith((String) null);
                        case REFUSED, UNCERTAIN -> deliveries.finish(delivery.id(), DeliveryStatus.failed, null, outcome.error())
                                .replaceWith((String) null);
                        case RETRY_LATER -> deliveries.release(delivery.id(), outcome.error()).replaceWith(outcome.error());
                    };
                });
            });
        });
    }
}
