package edu.campus.traffic.teacher;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What started a teacher-sync run. */
@RegisterForReflection // a JSON value inside records the build may not see
public enum SyncTrigger {
    scheduled, manual
}
