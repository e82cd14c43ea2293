package edu.campus.services.people;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Who acted on an application (as written in its history and on replies). */
@RegisterForReflection
public enum ActorKind {
    student, admin, staff, executor, system
}
