package edu.campus.traffic.teacher;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A teacher-sync run: running, then succeeded or failed; abandoned when its runner stopped beating its heartbeat. */
@RegisterForReflection // a JSON value inside records the build may not see
public enum SyncRunStatus {
    running, succeeded, failed, abandoned
}
