package edu.campus.services.application;

import java.util.Set;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where an application is: {@code pending → in_progress → completed | rejected}, or {@code pending → completed |
 * rejected} directly. Completed and rejected are final.
 */
@RegisterForReflection
public enum ApplicationStatus {
    pending, in_progress, completed, rejected;

    public boolean canMoveTo(ApplicationStatus next) {
        return switch (this) {
            case pending -> Set.of(in_progress, completed, rejected).contains(next);
            case in_progress -> next == completed || next == rejected;
            case completed, rejected -> false;
        };
    }

    public boolean isFinal() {
        return this == completed || this == rejected;
    }
}
