package edu.campus.common.main.client;

import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import edu.campus.common.main.MainModel.StudentTelegram;
import edu.campus.common.main.MainModel.TelegramUnlink;
import edu.campus.common.main.MainModel;
import edu.campus.common.sso.client.SsoClient;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import io.smallrye.mutiny.Uni;

/**
 * The bot's typed client of main (students' Telegram links), with this service's SSO service token (from
 * {@link SsoClient}). Both calls are reads or idempotent, so they are retried.
 */
@ApplicationScoped
@Timeout(5000)
@Retry(maxRetries = 2, delay = 100, jitter = 100, retryOn = { UpstreamException.Unavailable.class,
        UpstreamException.Timeout.class, TimeoutException.class, SsoClient.TokenRejected.class })
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
        failOn = { UpstreamException.class, TimeoutException.class })
public class MainClient {

    static final String UPSTREAM = "main";

    private final MainApi api;
    private final SsoClient sso;

    MainClient(@RestClient MainApi api, SsoClient sso) {
        this.api = api;
        this.sso = sso;
    }

    /** The Telegram account a student linked in main; empty when there is none. */
    public Uni<Optional<StudentTelegram>> studentTelegram(long studentId) {
        return authorized(bearer -> Upstreams.emptyIfNotFound(api.studentTelegram(bearer, studentId)));
    }

    /**
     * The bot completes a student's link (scope {@code telegram:link}): 404 for an unknown, used or expired code, 409 when
     * the Telegram account belongs to another student. Retried only when our token was refused (a code is single-use).
     */
    @Retry(maxRetries = 1, retryOn = SsoClient.TokenRejected.class)
    public Uni<StudentTelegram> completeLink(String code, long telegramId, String username) {
        return authorized(bearer -> api.link(bearer, new MainModel.LinkCompletion(code, telegramId, username)));
    }

    /** A Telegram account's /unlink on the students' side: whether a student had it. */
    public Uni<Boolean> unlink(long telegramId) {
        return authorized(bearer -> api.unlink(bearer, new TelegramUnlink(telegramId)).map(MainModel.TelegramUnlinked::unlinked));
    }

    private <T> Uni<T> authorized(Function<String, Uni<T>> call) {
        return sso.serviceBearer().flatMap(bearer -> call.apply(bearer))
                .onFailure(SsoClient.TokenRejected.class).invoke(rejected -> sso.forgetServiceToken())
                .onFailure(failure -> !(failure instanceof SsoClient.TokenRejected)).transform(failure -> Upstreams.map(UPSTREAM, failure));
    }
}
