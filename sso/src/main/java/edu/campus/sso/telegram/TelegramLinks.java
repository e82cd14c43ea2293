package edu.campus.sso.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.common.sso.SsoModel.TelegramLink;
import edu.campus.common.telegram.TelegramInitData;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.audit.AuditLog;
import edu.campus.sso.auth.AuthDtos.TokenPair;
import edu.campus.sso.auth.AuthService;
import edu.campus.sso.auth.Tokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Linking a Telegram account to a platform account through a one-time deep link, and signing in with Telegram
 * Mini App initData once linked.
 */
@ApplicationScoped
public class TelegramLinks {

    public record LinkRequest(@jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 64) String code,
            @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Positive Long telegramId,
            @jakarta.validation.constraints.Size(max = 64) String telegramUsername, Long chatId) {
    }

    public record Linked(long userId, long telegramId, String telegramUsername) {
    }

    /** Attaches a Telegram account to a user ($1 user, $2 telegram id, $3 username, $4 chat); one link per user. */
    public static final String ATTACH = """
            insert into telegram_links (user_id, telegram_id, telegram_username, chat_id) values ($1, $2, $3, $4)
            on conflict (user_id) do update set telegram_id = excluded.telegram_id,
              telegram_username = excluded.telegram_username, chat_id = excluded.chat_id, linked_at = now()
            returning user_id, telegram_id, telegram_username
            """;

    private final Pool db;
    private final AuditLog audit;
    private final AuthService auth;
    private final Tokens tokens;
    private final SsoConfig.Telegram config;

    TelegramLinks(Pool db, AuditLog audit, AuthService auth, Tokens tokens, SsoConfig config) {
        this.db = db;
        this.tokens = tokens;
        this.audit = audit;
        this.auth = auth;
        this.config = config.telegram();
    }

    /** A single-use code for the signed-in user; only its hash is stored. */
    public Uni<TelegramLink> newCode(long userId) {
        String code = tokens.newRefreshToken().substring(0, 32);
        Duration ttl = config.linkCodeTtl();
        return db.preparedQuery("insert into link_codes (code_hash, user_id, expires_at) values ($1, $2, $3)")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Tokens.hash(code)), userId,
                        Instant.now().plus(ttl).atOffset(java.time.ZoneOffset.UTC)))
                .replaceWith(new TelegramLink(code, "https://t.me/" + config.botUsername() + "?start=" + code, ttl.toSeconds()));
    }

    /** The bot completes a link: the code is consumed atomically (single use) and the Telegram account attached. */
    public Uni<Linked> complete(LinkRequest request, String client) {
        return db.withTransaction(tx -> tx.preparedQuery("""
                update link_codes set used_at = now()
                where code_hash = $1 and used_at is null and expires_at > now() returning user_id
                """).execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Tokens.hash(request.code()))))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().failure(new ApiException(404, "link_code_invalid",
                                "the link code is unknown, used or expired", Map.of()));
                    }
                    long userId = rows.iterator().next().getLong("user_id");
                    return tx.preparedQuery(ATTACH).execute(Tuple.of(userId, request.telegramId(), request.telegramUsername(), request.chatId()))
                            .map(linked -> {
                                Row row = linked.iterator().next();
                                return new Linked(row.getLong("user_id"), row.getLong("telegram_id"), row.getString("telegram_username"));
                            });
                }))
                .onFailure(PgException.class).transform(failure -> "telegram_links_telegram_id_key".equals(((PgException) failure).getConstraint())
                        ? ApiException.conflict("this Telegram account is linked to another user", Map.of("telegram_id", request.telegramId()))
                        : failure)
                .call(linked -> audit.record("client:" + client, "telegram_linked", "user:" + linked.userId(),
                        new JsonObject().put("telegram_id", linked.telegramId())));
    }

    /** Mini App sign-in: valid initData of a linked, active account gives that account's tokens. */
    public Uni<TokenPair> signIn(String initData) {
        String token = config.botToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> new ApiException(503, "telegram_not_configured", "Telegram sign-in is not configured", Map.of()));
        var verified = TelegramInitData.verify(initData, token, Duration.ofSeconds(config.authMaxAgeSeconds()), Instant.now());
        return db.preparedQuery("select user_id from telegram_links where telegram_id = $1").execute(Tuple.of(verified.telegramId()))
                .flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().failure(new ApiException(401, "telegram_not_linked",
                                "this Telegram account is not linked to a platform account", Map.of()));
                    }
                    return auth.signInLinked(rows.iterator().next().getLong("user_id"), "telegram");
                });
    }
}
