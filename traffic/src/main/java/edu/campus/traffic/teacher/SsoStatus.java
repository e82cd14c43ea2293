package edu.campus.traffic.teacher;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Whether SSO holds a teacher's current revision ({@code provisioned}) or the sync still has to send it ({@code pending}). */
@RegisterForReflection // a JSON value inside records the build may not see
public enum SsoStatus {
    provisioned, pending
}
