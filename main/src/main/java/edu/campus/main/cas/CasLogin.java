package edu.campus.main.cas;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import edu.campus.common.error.ApiException;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import edu.campus.main.MainConfig;
import edu.campus.main.MainMetrics;
import edu.campus.main.session.Sessions;
import edu.campus.main.student.StudentStore;
import edu.campus.main.student.StudentStore.CasProfile;
import io.smallrye.mutiny.Uni;

/**
 * Sign-in through the university's CAS. The browser goes to CAS with our callback (which carries the allowed
 * {@code return_to}) as the service; the callback validates the ticket against the very same service URL, creates or
 * updates the student and sends the browser back to {@code return_to} with the session in the URL fragment (never the
 * query: fragments reach neither servers' logs nor Referer headers). Every failure goes back the same way with an
 * {@code error} code.
 */
@ApplicationScoped
public class CasLogin {

    private static final Logger LOG = Logger.getLogger(CasLogin.class);
    static final String CALLBACK = "/api/main/auth/cas/callback";

    private final CasClient cas;
    private final StudentStore students;
    private final Sessions sessions;
    private final ReturnUrls returnUrls;
    private final MainConfig config;
    private final MainMetrics metrics;

    /** CAS's base URL, as the REST client that validates tickets has it (CAS_URL). */
    private final String casUrl;

    CasLogin(CasClient cas, StudentStore students, Sessions sessions, MainConfig config, MainMetrics metrics,
            @ConfigProperty(name = "quarkus.rest-client.cas.url") String casUrl) {
        this.metrics = metrics;
        this.casUrl = trimSlash(casUrl);
        this.cas = cas;
        this.students = students;
        this.sessions = sessions;
        this.config = config;
        this.returnUrls = new ReturnUrls(config.allowedReturnUrls());
    }

    /** Where the browser signs in: CAS's login page with our callback as the service. */
    public URI loginRedirect(String returnTo) {
        checkReturnTo(returnTo);
        return URI.create(casUrl + "/login?service=" + encode(serviceUrl(returnTo)));
    }

    /** Validates the ticket and answers with where to send the browser: {@code return_to#access_token=...} or {@code #error=...}. */
    public Uni<URI> callback(String returnTo, String ticket) {
        checkReturnTo(returnTo);
        if (ticket == null || !ticket.matches("ST-[A-Za-z0-9._\\-]{1,250}")) {
            return Uni.createFrom().item(back(returnTo, Map.of("error", "cas_invalid_ticket_spec", "error_description",
                    "the service ticket is missing or malformed")));
        }
        return cas.validate(serviceUrl(returnTo), ticket)
                .flatMap(answer -> switch (answer) {
                    case CasResponse.Success success -> students.signedIn(profile(success))
                            .flatMap(student -> sessions.start(student, ticket))
                            .map(tokens -> {
                                Map<String, String> fragment = new LinkedHashMap<>();
                                fragment.put("access_token", tokens.accessToken());
                                fragment.put("token_type", tokens.tokenType());
                                fragment.put("expires_in", String.valueOf(tokens.expiresIn()));
                                fragment.put("refresh_token", tokens.refreshToken());
                                fragment.put("refresh_expires_in", String.valueOf(tokens.refreshExpiresIn()));
                                fragment.put("student_id", String.valueOf(tokens.studentId()));
                                return back(returnTo, fragment);
                            });
                    case CasResponse.Failure failure -> {
                        LOG.infof("CAS refused a ticket: %s", failure.code());
                        yield Uni.createFrom().item(back(returnTo, Map.of("error", failure.errorCode(), "error_description",
                                "the university sign-in did not accept this ticket; sign in again")));
                    }
                    case CasResponse.Malformed malformed -> {
                        LOG.warnf("CAS answered something unreadable: %s", malformed.why());
                        yield Uni.createFrom().item(back(returnTo, Map.of("error", "cas_bad_response", "error_description",
                                "the university sign-in answered something unreadable; try again later")));
                    }
                })
                .onFailure().transform(failure -> failure instanceof ApiException api ? api : Upstreams.map("cas", failure))
                .onFailure(UpstreamException.class).recoverWithItem(failure -> back(returnTo, Map.of(
                        "error", failure instanceof UpstreamException.Timeout ? "cas_timeout" : "cas_unavailable",
                        "error_description", "the university sign-in is not answering; try again later")));
    }

    /** CAS single logout: the sign-ins made with the ticket the request names end. */
    public Uni<Integer> singleLogout(String logoutRequest) {
        String ticket = CasResponse.logoutTicket(logoutRequest);
        if (ticket == null) {
            return Uni.createFrom().failure(ApiException.validation("logoutRequest", "not a SAML LogoutRequest with a SessionIndex"));
        }
        return sessions.endCasSession(ticket);
    }

    static CasProfile profile(CasResponse.Success cas) {
        String email = cas.first("mail", "email");
        if (email == null && cas.user().contains("@")) {
            email = cas.user(); // the university's CAS answers with the e-mail as the user
        }
        return new CasProfile(cas.user(), cas.first("cn", "displayName", "fullName", "name"), email,
                cas.first("group", "studyGroup", "sub_dep"), cas.first("faculty", "dep", "department"),
                cas.first("recordBookNumber", "record_book_number", "recordBook"));
    }

    private void checkReturnTo(String returnTo) {
        if (!returnUrls.allowed(returnTo)) {
            throw new ApiException(400, "invalid_return_to", "return_to is not an allowed address", Map.of("field", "return_to"));
        }
    }

    private String serviceUrl(String returnTo) {
        return trimSlash(config.publicUrl()) + CALLBACK + "?return_to=" + encode(returnTo);
    }

    private URI back(String returnTo, Map<String, String> fragment) {
        String error = fragment.get("error");
        metrics.signIn(MainMetrics.Via.cas, error == null ? "success" : error);
        return URI.create(returnTo + "#" + fragment.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
