package edu.campus.common.launch;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import edu.campus.common.error.ApiException;
import io.smallrye.mutiny.Uni;

/** Enforces {@link RequireStudent}: runs before the body is read, so a request without a valid token is a 401 whatever its body. */
public class LaunchAuthFilter {

    private static final Uni<Response> CONTINUE = Uni.createFrom().nullItem();

    private final Map<Method, Boolean> required = new ConcurrentHashMap<>();
    private final LaunchTokenVerifier verifier;
    private final Student student;

    LaunchAuthFilter(LaunchTokenVerifier verifier, Student student) {
        this.verifier = verifier;
        this.student = student;
    }

    @ServerRequestFilter
    public Uni<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !required.computeIfAbsent(method, m -> m.isAnnotationPresent(RequireStudent.class)
                || resource.getResourceClass() != null && resource.getResourceClass().isAnnotationPresent(RequireStudent.class))) {
            return CONTINUE;
        }
        return verifier.verifyHeader(request.getHeaderString("Authorization"))
                .map(principal -> {
                    student.set(principal);
                    return (Response) null;
                })
                .onFailure(ApiException.class).recoverWithItem(failure -> ((ApiException) failure).toResponse());
    }
}
