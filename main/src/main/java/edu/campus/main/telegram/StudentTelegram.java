package edu.campus.main.telegram;

import edu.campus.db.telegram.InitDataSeenStore;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.common.telegram.TelegramInitData;
import edu.campus.main.MainConfig;
import edu.campus.main.MainMetrics;
import edu.campus.main.session.SessionDtos.SessionTokens;
import edu.campus.main.session.Sessions;
import edu.campus.main.student.StudentDtos.TelegramView;
import edu.campus.main.student.Students;
import io.smallrye.mutiny.Uni;

/**
 * Students and the Telegram Mini App: a linked student signs in with initData alone; a signed-in student links their
 * Telegram once. initData is checked by common's validator and accepted once (it is marked used only when it signed
 * someone in or made a link, so an unlinked student's first try can still link after the CAS sign-in).
 */
@ApplicationScoped
public class StudentTelegram {

    private final TelegramLinkStore links;
    private final InitDataSeenStore seen;
    private final Students students;
    private final Sessions sessions;
    private final MainConfig.Telegram config;
    private final MainMetrics metrics;
    private final io.vertx.mutiny.sqlclient.Pool db;
    private final TelegramEvents events;
    private final LinkCodeStore codes;
    private final java.security.SecureRandom random = new java.security.SecureRandom();

    /** Codes of main start with this; the bot sends them here, the rest to SSO. */
    public static final String CODE_PREFIX = "m_";

    /** A deep link for the bot. */
    public record LinkCode(String code, String deepLink, long expiresIn) {
    }

    StudentTelegram(TelegramLinkStore links, InitDataSeenStore seen, Students students, Sessions sessions, MainConfig config,
            MainMetrics metrics, io.vertx.mutiny.sqlclient.Pool db, TelegramEvents events, LinkCodeStore codes) {
        this.codes = codes;
        this.db = db;
        this.events = events;
        this.metrics = metrics;
        this.links = links;
        this.seen = seen;
        this.students = students;
        this.sessions = sessions;
        this.config = config.telegram();
    }

    public Uni<SessionTokens> signIn(String initData) {
        return signInVerified(initData)
                .invoke(() -> metrics.signIn(MainMetrics.Via.telegram, "success"))
                .onFailure(ApiException.class).invoke(failure -> metrics.signIn(MainMetrics.Via.telegram, ((ApiException) failure).errorCode()));
    }

    private Uni<SessionTokens> signInVerified(String initData) {
        TelegramInitData.Verified verified;
        try {
            verified = verify(initData);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return links.studentOf(verified.telegramId()).flatMap(studentId -> {
            if (studentId == null) {
                return Uni.createFrom().failure(new ApiException(404, "telegram_not_linked",
                        "this Telegram account is not linked to a student yet: sign in with the university account, then link it",
                        Map.of("sign_in", "/api/main/auth/cas/login", "link", "/api/main/me/telegram")));
            }
            return firstUse(initData, verified).chain(() -> students.existing(studentId)).flatMap(student -> sessions.start(student, null));
        });
    }

    public Uni<TelegramView> link(long studentId, String initData) {
        TelegramInitData.Verified verified = verify(initData);
        return students.existing(studentId)
                .chain(() -> firstUse(initData, verified))
                .chain(() -> db.withTransaction(tx -> links.link(tx, studentId, verified.telegramId(), verified.username())
                        .call(() -> events.linked(tx, studentId, verified.telegramId()))))
                .onFailure(TelegramLinkStore::isTaken).transform(StudentTelegram::linkedElsewhere)
                .chain(() -> links.ofStudent(studentId));
    }

    /** The code a student's deep link carries (single use, only its hash stored); "m_" tells the bot it is main's. */
    public Uni<LinkCode> newCode(long studentId) {
        byte[] bytes = new byte[22];
        random.nextBytes(bytes);
        String code = CODE_PREFIX + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        java.time.Duration ttl = config.linkCodeTtl();
        return students.existing(studentId)
                .chain(() -> codes.insert(edu.campus.common.token.Secrets.sha256(code), studentId, Instant.now().plus(ttl)))
                .replaceWith(new LinkCode(code, "https://t.me/" + config.botUsername() + "?start=" + code, ttl.toSeconds()));
    }

    /**
     * The bot completes a student's link with the code from {@code /start}: the code is spent, the link made and its event
     * written, together. 404 link_code_invalid, 409 telegram_linked_elsewhere.
     */
    public Uni<TelegramView> complete(String code, long telegramId, String username) {
        return db.withTransaction(tx -> codes.consume(tx, edu.campus.common.token.Secrets.sha256(code)).flatMap(student -> {
            if (student.isEmpty()) {
                return Uni.createFrom().<Long> failure(new ApiException(404, "link_code_invalid", "the link code is unknown, used or expired",
                        Map.of()));
            }
            return links.link(tx, student.get(), telegramId, username).call(() -> events.linked(tx, student.get(), telegramId))
                    .replaceWith(student.get());
        }))
                .onFailure(TelegramLinkStore::isTaken).transform(StudentTelegram::linkedElsewhere)
                .flatMap(links::ofStudent);
    }

    private static ApiException linkedElsewhere(Throwable taken) {
        return new ApiException(409, "telegram_linked_elsewhere", "this Telegram account is linked to another student", Map.of());
    }

    public Uni<Void> unlink(long studentId) {
        return students.existing(studentId).chain(() -> links.unlink(studentId)).replaceWithVoid();
    }

    private TelegramInitData.Verified verify(String initData) {
        String token = config.botToken().filter(t -> !t.isBlank())
                .orElseThrow(() -> new ApiException(503, "telegram_not_configured", "Telegram sign-in is not configured here", Map.of()));
        return TelegramInitData.verify(initData, token, config.authMaxAge(), Instant.now());
    }

    private Uni<Void> firstUse(String initData, TelegramInitData.Verified verified) {
        return seen.firstUse(initData, verified.authDate().plus(config.authMaxAge()).plusSeconds(60)).map(first -> {
            if (!first) {
                throw new ApiException(401, "init_data_replayed", "this Telegram initData was already used; reopen the Mini App", Map.of());
            }
            return null;
        });
    }
}
