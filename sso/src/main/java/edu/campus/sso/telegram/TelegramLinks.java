package edu.campus.sso.telegram;

import edu.campus.db.telegram.InitDataSeenStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import edu.campus.common.error.ApiException;
import edu.campus.common.sso.SsoModel.TelegramLink;
import edu.campus.common.telegram.TelegramInitData;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.SsoMetrics;
import edu.campus.sso.audit.AuditLog;
import edu.campus.sso.auth.AuthDtos.TokenPair;
import edu.campus.sso.auth.AuthService;
import edu.campus.sso.auth.Tokens;
import edu.campus.sso.user.TelegramLinkStore;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;

/**
 * Linking a Telegram account to a platform account through a one-time deep link, and signing in with Telegram
 * Mini App initData once linked.
 */
@ApplicationScoped
public class TelegramLinks {

    public record LinkRequest(@NotBlank @Size(max = 64) String code, @NotNull @Positive Long telegramId,
            @Size(max = 64) String telegramUsername, Long chatId) {
    }

    public record Linked(long userId, long telegramId, String telegramUsername) {
    }

    public record UnlinkRequest(@NotNull @Positive Long telegramId) {
    }

    /** {@code unlinked}: false when the Telegram account had no link (the request is idempotent). */
    public record Unlinked(boolean unlinked) {
    }

    private final Pool db;
    private final LinkCodeStore codes;
    private final TelegramLinkStore links;
    private final AuditLog audit;
    private final AuthService auth;
    private final Tokens tokens;
    private final SsoConfig.Telegram config;
    private final SsoMetrics metrics;

    private final InitDataSeenStore seen;
    private final edu.campus.sso.user.UserEvents events;

    TelegramLinks(Pool db, LinkCodeStore codes, TelegramLinkStore links, AuditLog audit, AuthService auth, Tokens tokens,
            SsoConfig config, SsoMetrics metrics, InitDataSeenStore seen, edu.campus.sso.user.UserEvents events) {
        this.events = events;
        this.metrics = metrics;
        this.seen = seen;
        this.db = db;
        this.codes = codes;
        this.links = links;
        this.tokens = tokens;
        this.audit = audit;
        this.auth = auth;
        this.config = config.telegram();
    }

    /** A single-use code for the user; only its hash is stored. */
    public Uni<TelegramLink> newCode(long userId) {
        String code = tokens.newRefreshToken().substring(0, 32);
        Duration ttl = config.linkCodeTtl();
        return codes.insert(Tokens.hash(code), userId, Instant.now().plus(ttl))
                .replaceWith(new TelegramLink(code, "https://t.me/" + config.botUsername() + "?start=" + code, ttl.toSeconds()));
    }

    /** The bot completes a link: the code is consumed (single use), the Telegram account attached and audited, together. */
    public Uni<Linked> complete(LinkRequest request, String client) {
        return db.withTransaction(tx -> codes.consume(tx, Tokens.hash(request.code())).flatMap(user -> {
            if (user.isEmpty()) {
                return Uni.createFrom().<Linked> failure(new ApiException(404, "link_code_invalid",
                        "the link code is unknown, used or expired", Map.of()));
            }
            long userId = user.get();
            return links.attach(tx, userId, request.telegramId(), request.telegramUsername(), request.chatId())
                    .call(() -> audit.record(tx, "client:" + client, "telegram_linked", "user:" + userId,
                            new JsonObject().put("telegram_id", request.telegramId())))
                    .call(() -> events.telegramLinked(tx, userId, request.telegramId()))
                    .replaceWith(new Linked(userId, request.telegramId(), request.telegramUsername()));
        }))
                .onFailure(PgException.class).transform(failure -> "telegram_links_telegram_id_key".equals(((PgException) failure).getConstraint())
                        ? ApiException.conflict("this Telegram account is linked to another user", Map.of("telegram_id", request.telegramId()))
                        : failure);
    }

    /** The bot's /unlink: the Telegram account's link goes (audited with the user it belonged to). */
    public Uni<Unlinked> unlink(long telegramId, String client) {
        return db.withTransaction(tx -> links.detachTelegram(tx, telegramId).flatMap(user -> user.isEmpty()
                ? Uni.createFrom().item(new Unlinked(false))
                : audit.record(tx, "client:" + client, "telegram_unlinked", "user:" + user.get(),
                        new JsonObject().put("telegram_id", telegramId)).replaceWith(new Unlinked(true))));
    }

    /** The chat of the active account (app, role, entity id), for the bot's notifier; 404 telegram_not_linked. */
    public Uni<TelegramLinkStore.Chat> chat(String app, String role, long entityId) {
        return links.chatOf(app, role, entityId).map(found -> found.orElseThrow(() -> new ApiException(404, "telegram_not_linked",
                        "no active account with a Telegram link for this app, role and entity", Map.of("entity_id", entityId))));
    }

    /** Mini App sign-in: valid initData of a linked, active account gives that account's tokens. */
    public Uni<TokenPair> signIn(String initData) {
        String token = config.botToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> new ApiException(503, "telegram_not_configured", "Telegram sign-in is not configured", Map.of()));
        Duration maxAge = Duration.ofSeconds(config.authMaxAgeSeconds());
        var verified = TelegramInitData.verify(initData, token, maxAge, Instant.now());
        // each initData signs in once: a copy replayed within its age is refused (kept a minute past it for clock skew)
        return seen.firstUse(initData, verified.authDate().plus(maxAge).plusSeconds(60)).flatMap(first -> {
            if (!first) {
                metrics.signIn("telegram", SsoMetrics.SignIn.replayed);
                return Uni.createFrom().failure(new ApiException(401, "init_data_replayed",
                        "this Telegram sign-in was already used; open the Mini App again", Map.of()));
            }
            return Uni.createFrom().voidItem();
        }).flatMap(ignored -> links.userOf(verified.telegramId())).flatMap(user -> user.isEmpty()
                ? Uni.createFrom().<TokenPair> failure(new ApiException(401, "telegram_not_linked",
                        "this Telegram account is not linked to a platform account", Map.of()))
                        .onFailure().invoke(() -> metrics.signIn("telegram", SsoMetrics.SignIn.not_linked))
                : auth.signInLinked(user.get(), "telegram"));
    }
}
