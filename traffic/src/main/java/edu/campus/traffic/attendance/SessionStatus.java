package edu.campus.traffic.attendance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An attendance session's life: active until a teacher closes it or the expiry job ends it. */
@RegisterForReflection // a JSON value inside records the build may not see
public enum SessionStatus {
    active, closed, expired
}
