package edu.campus.services.people;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The two kinds of people a department has; each is an SSO account of app {@code services} with this role. */
@RegisterForReflection
public enum PersonKind {
    staff("staff"), executor("executors");

    /** The table their rows are in (same shape for both). */
    final String table;

    PersonKind(String table) {
        this.table = table;
    }
}
