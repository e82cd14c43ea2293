package edu.campus.common.auth;

import jakarta.enterprise.context.RequestScoped;

/** The verified caller of the current request, set by {@link SsoAuthFilter} on protected endpoints. */
@RequestScoped
public class Caller {

    private SsoPrincipal principal;

    public SsoPrincipal get() {
        if (principal == null) {
            throw new IllegalStateException("no verified caller: is the endpoint annotated with @RequireUser or @RequireScope?");
        }
        return principal;
    }

    void set(SsoPrincipal principal) {
        this.principal = principal;
    }
}
