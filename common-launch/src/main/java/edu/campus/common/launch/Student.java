package edu.campus.common.launch;

import jakarta.enterprise.context.RequestScoped;

/** The verified student of the current request, set by {@link LaunchAuthFilter} on {@link RequireStudent} endpoints. */
@RequestScoped
public class Student {

    private LaunchPrincipal principal;

    public LaunchPrincipal get() {
        if (principal == null) {
            throw new IllegalStateException("no verified student: is the endpoint annotated with @RequireStudent?");
        }
        return principal;
    }

    void set(LaunchPrincipal principal) {
        this.principal = principal;
    }
}
