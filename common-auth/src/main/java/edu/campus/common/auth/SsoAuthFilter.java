package edu.campus.common.auth;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import edu.campus.common.error.ApiException;
import edu.campus.common.error.ErrorCodes;
import edu.campus.common.token.Bearer;
import io.smallrye.mutiny.Uni;

/**
 * Enforces {@link RequireUser} and {@link RequireScope}: 401 when the token is missing or not valid, 403 when it
 * is valid but not allowed. Endpoints without either annotation pass through at the cost of one map look-up.
 */
public class SsoAuthFilter {

    private static final Uni<Response> CONTINUE = Uni.createFrom().nullItem();

    private record Requirement(RequireUser user, RequireScope scope) {
    }

    private final Map<Method, Optional<Requirement>> requirements = new ConcurrentHashMap<>();
    private final SsoTokenVerifier verifier;
    private final Caller caller;

    SsoAuthFilter(SsoTokenVerifier verifier, Caller caller) {
        this.verifier = verifier;
        this.caller = caller;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return CONTINUE;
        }
        Requirement requirement = requirements.computeIfAbsent(method, m -> requirementOf(m, resource.getResourceClass())).orElse(null);
        if (requirement == null) {
            return CONTINUE;
        }
        String header = request.getHeaderString("Authorization");
        return Uni.createFrom().item(() -> Bearer.token(header))
                .flatMap(verifier::verify)
                .map(principal -> {
                    check(requirement, principal);
                    caller.set(principal);
                    return (Response) null;
                })
                .onFailure(ApiException.class).recoverWithItem(failure -> ((ApiException) failure).toResponse());
    }

    private static void check(Requirement requirement, SsoPrincipal principal) {
        if (requirement.user() != null) {
            RequireUser need = requirement.user();
            if (principal.isService()) {
                throw ApiException.forbidden("a user's access token is required");
            }
            if (!need.app().isEmpty() && !need.app().equals(principal.app())
                    || need.roles().length > 0 && Arrays.stream(need.roles()).noneMatch(r -> r.equals(principal.role()))) {
                throw ApiException.forbidden("needs a " + need.app() + " user with role " + String.join(" or ", need.roles()));
            }
        }
        if (requirement.scope() != null && !principal.scopes().contains(requirement.scope().value())) {
            throw new ApiException(403, ErrorCodes.FORBIDDEN, "needs a service token with scope " + requirement.scope().value(),
                    Map.of("scope", requirement.scope().value()));
        }
    }

    private static Optional<Requirement> requirementOf(Method method, Class<?> type) {
        RequireUser user = method.getAnnotation(RequireUser.class);
        RequireScope scope = method.getAnnotation(RequireScope.class);
        if (user == null && scope == null && type != null) {
            user = type.getAnnotation(RequireUser.class);
            scope = type.getAnnotation(RequireScope.class);
        }
        return user == null && scope == null ? Optional.empty() : Optional.of(new Requirement(user, scope));
    }
}
