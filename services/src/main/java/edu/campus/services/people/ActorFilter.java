package edu.campus.services.people;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import edu.campus.common.auth.RequiredUser;
import edu.campus.common.error.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * On the desk's endpoints (a services user's SSO token), checks the caller's own row right after the token (common's
 * SsoAuthFilter) and before the body is read: a deleted or deactivated staff member or executor hears 403
 * account_inactive whatever they sent.
 */
public class ActorFilter {

    private static final Uni<Response> CONTINUE = Uni.createFrom().nullItem();

    private final Map<Method, Boolean> desk = new ConcurrentHashMap<>();
    private final Actors actors;

    ActorFilter(Actors actors) {
        this.actors = actors;
    }

    @ServerRequestFilter(priority = Priorities.USER + 50)
    public Uni<Response> resolve(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !desk.computeIfAbsent(method, m -> RequiredUser.ofApp(m, resource.getResourceClass(), "services"))) {
            return CONTINUE;
        }
        return actors.current().map(actor -> (Response) null)
                .onFailure(ApiException.class).recoverWithItem(failure -> ((ApiException) failure).toResponse());
    }
}
