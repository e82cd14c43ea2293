package edu.campus.bot.webhook;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import edu.campus.bot.BotMetrics;
import edu.campus.bot.chat.ChatStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * One update: handled once (a repeat of its id is acknowledged and ignored), only private chats' text messages; the
 * chat is marked reachable (its user wrote to the bot, so a block is over), and the command's reply goes back in the
 * webhook's response.
 */
@ApplicationScoped
public class Webhook {

    /** Telegram's reply-in-response form: the method and its parameters. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reply(String method, long chatId, String text) {
        static Reply of(long chatId, String text) {
            return new Reply("sendMessage", chatId, text);
        }
    }

    private static final Object NOTHING = Map.of();

    private final UpdateStore updates;
    private final ChatStore chats;
    private final Commands commands;
    private final BotMetrics metrics;

    Webhook(UpdateStore updates, ChatStore chats, Commands commands, BotMetrics metrics) {
        this.updates = updates;
        this.chats = chats;
        this.commands = commands;
        this.metrics = metrics;
    }

    public Uni<Object> handle(Update update) {
        return updates.firstTime(update.updateId()).flatMap(first -> {
            if (!first) {
                metrics.update("repeat");
                return Uni.createFrom().item(NOTHING);
            }
            Update.Message message = update.message();
            if (message == null || !"private".equals(message.chat().type()) || message.text() == null
                    || (message.from() != null && Boolean.TRUE.equals(message.from().isBot()))) {
                metrics.update("ignored");
                return Uni.createFrom().item(NOTHING);
            }
            metrics.update("handled");
            long chatId = message.chat().id();
            return chats.active(chatId).chain(() -> commands.answer(message))
                    .map(reply -> reply.<Object> map(text -> Reply.of(chatId, text)).orElse(NOTHING));
        });
    }
}
