package edu.campus.traffic.account;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import edu.campus.common.auth.Caller;
import edu.campus.common.auth.RequiredUser;
import edu.campus.common.error.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * On traffic's own endpoints (an SSO token of app traffic: admins, teachers), right after the token is verified
 * (common's SsoAuthFilter) and before the body is read: an account SSO deactivated or deleted hears 403
 * account_inactive at once, not when its token expires.
 */
public class AccountFilter {

    private static final Uni<Response> CONTINUE = Uni.createFrom().nullItem();

    private final Map<Method, Boolean> guarded = new ConcurrentHashMap<>();
    private final AccountStore accounts;
    private final Caller caller;

    AccountFilter(AccountStore accounts, Caller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.USER + 50)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !guarded.computeIfAbsent(method, m -> RequiredUser.ofApp(m, resource.getResourceClass(), "traffic"))) {
            return CONTINUE;
        }
        return accounts.inactive(caller.get().userId()).map(inactive -> inactive
                ? new ApiException(403, "account_inactive", "this account was deactivated in SSO", Map.of()).toResponse()
                : null);
    }
}
