package edu.campus.common.sso.client;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import edu.campus.common.sso.SsoModel.AccountUpsert;
import edu.campus.common.sso.SsoModel.BatchResponse;
import edu.campus.common.sso.SsoModel.ClientCredentials;
import edu.campus.common.sso.SsoModel.EntityRef;
import edu.campus.common.sso.SsoModel.ProvisionedAccount;
import edu.campus.common.sso.SsoModel.TeacherBatch;
import edu.campus.common.sso.SsoModel.TelegramLink;
import edu.campus.common.sso.SsoModel.TelegramLinkCompletion;
import edu.campus.common.sso.SsoModel.TelegramLinked;
import edu.campus.common.sso.SsoModel.TelegramUnlink;
import edu.campus.common.sso.SsoModel.TelegramUnlinked;
import edu.campus.common.sso.SsoModel;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import io.smallrye.mutiny.Uni;

/**
 * The typed client of SSO's provisioning API for traffic and services. It obtains its service token with the
 * service's own client credentials ({@code SSO_CLIENT_ID}/{@code SSO_CLIENT_SECRET}), caches it and renews it a
 * minute before expiry; concurrent callers share one token request. Every provisioning call is an idempotent
 * upsert or delete on SSO's side, so retries are safe; a refused token is dropped and the call retried.
 */
@ApplicationScoped
@Timeout(5000)
@Retry(maxRetries = 2, delay = 100, jitter = 100, retryOn = { UpstreamException.Unavailable.class,
        UpstreamException.Timeout.class, TimeoutException.class, SsoClient.TokenRejected.class })
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        failOn = { UpstreamException.class, TimeoutException.class })
public class SsoClient {

    static final String UPSTREAM = "sso";
    private static final long RENEW_BEFORE_SECONDS = 60;

    /** SSO refused our service token: renew it and try again. */
    public static final class TokenRejected extends RuntimeException {
        public TokenRejected() {
            super("sso refused the service token", null, false, false);
        }
    }

    private record CachedToken(String bearer, Instant renewAt) {
    }

    private final SsoApi api;
    private final Optional<String> clientId;
    private final Optional<String> clientSecret;
    private final AtomicReference<Uni<CachedToken>> token = new AtomicReference<>();

    SsoClient(@RestClient SsoApi api, @ConfigProperty(name = "campus.sso.client-id") Optional<String> clientId,
            @ConfigProperty(name = "campus.sso.client-secret") Optional<String> clientSecret) {
        this.api = api;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    public Uni<ProvisionedAccount> upsertTeacher(AccountUpsert teacher) {
        return authorized(bearer -> api.upsertTeacher(bearer, teacher));
    }

    public Uni<BatchResponse> upsertTeachers(TeacherBatch teachers) {
        return authorized(bearer -> api.upsertTeachers(bearer, teachers));
    }

    public Uni<Void> deleteTeacher(long entityId) {
        return authorized(bearer -> api.deleteTeacher(bearer, entityId));
    }

    public Uni<TelegramLink> teacherTelegramLink(long entityId) {
        return authorized(bearer -> api.teacherTelegramLink(bearer, new EntityRef(entityId)));
    }

    public Uni<ProvisionedAccount> upsertStaff(AccountUpsert staff) {
        return authorized(bearer -> api.upsertStaff(bearer, staff));
    }

    public Uni<ProvisionedAccount> upsertExecutor(AccountUpsert executor) {
        return authorized(bearer -> api.upsertExecutor(bearer, executor));
    }

    public Uni<Void> deleteStaff(long entityId) {
        return authorized(bearer -> api.deleteStaff(bearer, entityId));
    }

    public Uni<Void> deleteExecutor(long entityId) {
        return authorized(bearer -> api.deleteExecutor(bearer, entityId));
    }

    /**
     * The bot completes a Telegram link (scope {@code telegram:link}): 404 for an unknown, used or expired code, 409
     * when the Telegram account belongs to another user. Retried only when our token was refused: a code is single-use,
     * so a retry after a lost answer would report the code as used.
     */
    @Retry(maxRetries = 1, retryOn = SsoClient.TokenRejected.class)
    public Uni<TelegramLinked> completeTelegramLink(TelegramLinkCompletion link) {
        return authorized(bearer -> api.completeTelegramLink(bearer, link));
    }

    /** The bot's /unlink (idempotent): whether there was a link. */
    public Uni<TelegramUnlinked> unlinkTelegram(long telegramId) {
        return authorized(bearer -> api.unlinkTelegram(bearer, new TelegramUnlink(telegramId)));
    }

    /** The chat of an active account with a Telegram link (scope {@code telegram:notify}); empty when it has none. */
    public Uni<Optional<SsoModel.TelegramChat>> telegramChat(String app, String role, long entityId) {
        return authorized(bearer -> Upstreams.emptyIfNotFound(api.telegramChat(bearer, app, role, entityId)));
    }

    /** A bearer token of this service's own client (for calls to other services that accept SSO service tokens). */
    public Uni<String> serviceBearer() {
        return bearer();
    }

    /** Another service refused our token (keys rotated, say): the next call asks SSO for a new one. */
    public void forgetServiceToken() {
        token.set(null);
    }

    private <T> Uni<T> authorized(Function<String, Uni<T>> call) {
        return bearer().flatMap(bearer -> call.apply(bearer)
                .onFailure(TokenRejected.class).invoke(rejected -> token.set(null)))
                .onFailure(failure -> !(failure instanceof TokenRejected)).transform(failure -> Upstreams.map(UPSTREAM, failure));
    }

    private Uni<String> bearer() {
        Uni<CachedToken> cached = token.get();
        Uni<CachedToken> current = cached != null ? cached : renew(null);
        return current.flatMap(t -> Instant.now().isBefore(t.renewAt()) ? Uni.createFrom().item(t.bearer())
                : renew(current).map(CachedToken::bearer));
    }

    /** One token request for all concurrent callers; a failed request is forgotten so that the next call tries again. */
    private Uni<CachedToken> renew(Uni<CachedToken> expected) {
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            return Uni.createFrom().failure(new IllegalStateException("SSO_CLIENT_ID and SSO_CLIENT_SECRET are not configured"));
        }
        AtomicReference<Uni<CachedToken>> self = new AtomicReference<>();
        Uni<CachedToken> request = api.token(new ClientCredentials(clientId.get(), clientSecret.get()))
                .map(t -> new CachedToken("Bearer " + t.accessToken(),
                        Instant.now().plusSeconds(Math.max(0, t.expiresIn() - RENEW_BEFORE_SECONDS))))
                .onFailure().invoke(failed -> token.compareAndSet(self.get(), null))
                .memoize().indefinitely();
        self.set(request);
        if (token.compareAndSet(expected, request)) {
            return request;
        }
        Uni<CachedToken> winner = token.get(); // another caller renewed first: share its request
        return winner != null ? winner : request;
    }
}
