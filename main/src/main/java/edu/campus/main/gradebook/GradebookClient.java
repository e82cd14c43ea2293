package edu.campus.main.gradebook;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.common.error.ApiException;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import io.smallrye.mutiny.Uni;

/**
 * The record-book upstream through its typed client, with a timeout, a bulkhead (the upstream is one university web
 * site: a burst of students must queue, not overrun it), a circuit breaker, and retries only where safe: reading the
 * record book is retried, signing in is not (the password is used once and dropped).
 */
@ApplicationScoped
public class GradebookClient {

    static final String UPSTREAM = "gradebook";

    /** The upstream's session: its two cookies. What is sealed at rest. */
    public record UpstreamSession(String csrfToken, String sessionId) {

        String cookieHeader() {
            return "csrftoken=" + csrfToken + "; sessionid=" + sessionId;
        }

        String serialize() {
            return csrfToken + "\n" + sessionId;
        }

        static UpstreamSession parse(String text) {
            int newline = text.indexOf('\n');
            return newline < 0 ? null : new UpstreamSession(text.substring(0, newline), text.substring(newline + 1));
        }

        @Override
        public String toString() {
            return "UpstreamSession[redacted]";
        }
    }

    /** A record-book read: the book, or the upstream saying the session has ended. */
    public sealed interface Read {
        record Book(RecordBook book) implements Read {
        }

        record Expired() implements Read {
        }
    }

    private final GradebookApi api;
    private final ObjectMapper json;
    private final String site;

    GradebookClient(@RestClient GradebookApi api, ObjectMapper json, @ConfigProperty(name = "quarkus.rest-client.gradebook.url") String site) {
        this.api = api;
        this.json = json;
        this.site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
    }

    /** Signs in upstream; 422 gradebook_login_refused when the university refuses the credentials. */
    @Timeout(10_000)
    @Bulkhead(value = 20, waitingTaskQueue = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = { UpstreamException.Unavailable.class, UpstreamException.Timeout.class, TimeoutException.class })
    public Uni<UpstreamSession> signIn(String username, String password) {
        return api.loginPage()
                .map(page -> {
                    try (page) {
                        if (page.getStatus() >= 400) {
                            throw Upstreams.fromStatus(UPSTREAM, page);
                        }
                        String csrf = cookie(page, "csrftoken");
                        if (csrf == null) {
                            throw new UpstreamException.BadResponse(UPSTREAM, "no_csrf_cookie", null);
                        }
                        return csrf;
                    }
                })
                .flatMap(csrf -> api.login("csrftoken=" + csrf, site + GradebookApi.LOGIN, site, csrf, username, password)
                        .map(answer -> {
                            try (answer) {
                                if (answer.getStatus() >= 500 || answer.getStatus() == 429) {
                                    throw Upstreams.fromStatus(UPSTREAM, answer);
                                }
                                String session = cookie(answer, "sessionid");
                                if (session == null) {
                                    throw new ApiException(422, "gradebook_login_refused",
                                            "the university's record-book site refused this username and password", Map.of());
                                }
                                String rotated = cookie(answer, "csrftoken"); // Django rotates the token at sign-in
                                return new UpstreamSession(rotated != null ? rotated : csrf, session);
                            }
                        }))
                .onFailure().transform(failure -> Upstreams.map(UPSTREAM, failure));
    }

    /** Reads the record book; {@link Read.Expired} when the upstream session has ended (a redirect to its login page). */
    @Timeout(8_000)
    @Retry(maxRetries = 2, delay = 200, jitter = 200,
            retryOn = { UpstreamException.Unavailable.class, UpstreamException.Timeout.class, TimeoutException.class })
    @Bulkhead(value = 20, waitingTaskQueue = 100)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = { UpstreamException.Unavailable.class, UpstreamException.Timeout.class, TimeoutException.class })
    public Uni<Read> recordBook(UpstreamSession session, String recordBookNumber) {
        return api.recordBook(session.cookieHeader(), session.csrfToken(), site + "/", new GradebookApi.RecordBookRequest(recordBookNumber))
                .map(answer -> {
                    try (answer) {
                        int status = answer.getStatus();
                        if (status >= 300 && status < 400 || status == 401 || status == 403) {
                            return (Read) new Read.Expired();
                        }
                        if (status >= 400) {
                            throw Upstreams.fromStatus(UPSTREAM, answer);
                        }
                        RecordBook book;
                        try {
                            JsonNode body = json.readTree(answer.readEntity(String.class));
                            book = RecordBook.fromUpstream(body);
                        } catch (JsonProcessingException | RuntimeException e) {
                            throw new UpstreamException.BadResponse(UPSTREAM, "malformed_body", e);
                        }
                        if (book == null) {
                            throw new UpstreamException.BadResponse(UPSTREAM, "unexpected_shape", null);
                        }
                        return new Read.Book(book);
                    }
                })
                .onFailure().transform(failure -> failure instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse() != null
                        && (web.getResponse().getStatus() == 401 || web.getResponse().getStatus() == 403)
                                ? new ExpiredSignal()
                                : Upstreams.map(UPSTREAM, failure))
                .onFailure(ExpiredSignal.class).recoverWithItem(new Read.Expired());
    }

    private static String cookie(Response response, String name) {
        NewCookie cookie = response.getCookies().get(name);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank() || cookie.getMaxAge() == 0) {
            return null;
        }
        String value = cookie.getValue().strip();
        return value.matches("[A-Za-z0-9_\\-.:]{1,512}") ? value : null;
    }

    /** A 401/403 thrown by the client's default mapper: the session ended, like a redirect. */
    private static final class ExpiredSignal extends RuntimeException {
        ExpiredSignal() {
            super(null, null, false, false);
        }
    }
}
