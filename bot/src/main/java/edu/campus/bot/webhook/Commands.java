package edu.campus.bot.webhook;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.bot.BotMetrics;
import edu.campus.bot.webhook.Update.Message;
import edu.campus.common.error.ApiException;
import edu.campus.common.main.client.MainClient;
import edu.campus.common.sso.SsoModel.TelegramLinkCompletion;
import edu.campus.common.sso.client.SsoClient;
import edu.campus.common.upstream.UpstreamException;
import io.smallrye.mutiny.Uni;

/**
 * What the bot answers in a private chat: {@code /start <code>} completes the account link the code was issued for (in
 * main for students' codes, which start with "m_"; in SSO for staff, teachers, admins); {@code /start} alone greets; {@code /help}; {@code /unlink} removes this Telegram
 * account's links (SSO and main). Replies are in Russian, plain text.
 */
@ApplicationScoped
public class Commands {

    private static final Logger LOG = Logger.getLogger(Commands.class);
    /** Telegram's deep-link start parameter: up to 64 of A-Z a-z 0-9 _ - */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    /** main's link codes start with this (main's StudentTelegram.CODE_PREFIX). */
    static final String STUDENT_CODE = "m_";

    static final String GREETING = """
            Здравствуйте! Это бот кампуса: он присылает уведомления о ваших заявках и занятиях.
            Чтобы получать их, привяжите Telegram: откройте ссылку привязки из личного кабинета.
            /help — справка""";
    static final String HELP = """
            Команды:
            /start <код> — привязать Telegram к аккаунту (ссылка с кодом — в личном кабинете)
            /unlink — отвязать Telegram, уведомления перестанут приходить
            /help — эта справка
            Студенты получают ссылку привязки в мини-приложении кампуса.""";
    static final String LINKED = "Готово: Telegram привязан к вашему аккаунту. Уведомления будут приходить сюда. Отвязать: /unlink";
    static final String CODE_INVALID = "Ссылка недействительна: она уже использована или устарела. Получите новую в личном кабинете.";
    static final String TAKEN = "Этот Telegram уже привязан к другому аккаунту. Сначала отвяжите его: /unlink";
    static final String UNAVAILABLE = "Сервис временно недоступен. Попробуйте ещё раз через минуту.";
    static final String UNLINKED = "Telegram отвязан. Уведомления больше не придут.";
    static final String NOT_LINKED = "Этот Telegram не был привязан ни к одному аккаунту.";
    static final String UNKNOWN = "Не понимаю это сообщение. /help — список команд.";

    private final SsoClient sso;
    private final MainClient main;
    private final BotMetrics metrics;

    Commands(SsoClient sso, MainClient main, BotMetrics metrics) {
        this.sso = sso;
        this.main = main;
        this.metrics = metrics;
    }

    /** The reply to a private chat's message, if any. */
    public Uni<Optional<String>> answer(Message message) {
        String text = message.text() == null ? "" : message.text().strip();
        String[] parts = text.split("\\s+", 2);
        String command = parts[0];
        int at = command.indexOf('@'); // "/help@campus_bot" in a chat with several bots
        if (at > 0) {
            command = command.substring(0, at);
        }
        String argument = parts.length > 1 ? parts[1].strip() : "";
        return switch (command) {
            case "/start" -> argument.isEmpty() ? reply("start", GREETING) : link(message, argument);
            case "/help" -> reply("help", HELP);
            case "/unlink" -> unlink(message);
            default -> reply("unknown", UNKNOWN);
        };
    }

    private Uni<Optional<String>> link(Message message, String code) {
        if (!CODE.matcher(code).matches() || message.from() == null) {
            return reply("link_invalid", CODE_INVALID);
        }
        long telegramId = message.from().id();
        String username = message.from().username();
        // students' codes come from main ("m_…"), everyone else's from SSO (whose random codes may start with "m_" too:
        // one main does not know is tried in SSO)
        Uni<String> inSso = Uni.createFrom().deferred(() -> sso.completeTelegramLink(
                new TelegramLinkCompletion(code, telegramId, username, message.chat().id())).map(linked -> "user " + linked.userId()));
        Uni<String> completed = code.startsWith(STUDENT_CODE)
                ? main.completeLink(code, telegramId, username).map(linked -> "student")
                        .onFailure(f -> f instanceof ApiException api && api.status() == 404).recoverWithUni(() -> inSso)
                : inSso;
        return completed
                .map(who -> {
                    LOG.infof("telegram %d linked to %s", telegramId, who);
                    metrics.command("link_completed");
                    return Optional.of(LINKED);
                })
                .onFailure(ApiException.class).recoverWithItem(failure -> {
                    ApiException error = (ApiException) failure;
                    if (error.status() == 404) {
                        metrics.command("link_invalid");
                        return Optional.of(CODE_INVALID);
                    }
                    if (error.status() == 409) {
                        metrics.command("link_taken");
                        return Optional.of(TAKEN);
                    }
                    LOG.warnf("link not completed: %s", error.getMessage());
                    metrics.command("link_unavailable");
                    return Optional.of(UNAVAILABLE);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("link not completed: %s", failure.toString());
                    metrics.command("link_unavailable");
                    return Optional.of(UNAVAILABLE);
                });
    }

    private Uni<Optional<String>> unlink(Message message) {
        if (message.from() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        long telegramId = message.from().id();
        return Uni.combine().all().unis(sso.unlinkTelegram(telegramId).map(u -> u.unlinked()), main.unlink(telegramId))
                .with((staff, student) -> {
                    metrics.command(staff || student ? "unlinked" : "unlink_nothing");
                    return Optional.of(staff || student ? UNLINKED : NOT_LINKED);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("unlink of telegram %d failed: %s", telegramId,
                            failure instanceof UpstreamException ? failure.getMessage() : failure.toString());
                    metrics.command("unlink_unavailable");
                    return Optional.of(UNAVAILABLE);
                });
    }

    private Uni<Optional<String>> reply(String outcome, String text) {
        metrics.command(outcome);
        return Uni.createFrom().item(Optional.of(text));
    }
}
