package edu.campus.traffic.attendance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What became of one mark: {@code marked} (201) and {@code already_marked} (200) are answers; the others say why
 * nothing was written: no such session, the session was closed or expired, or a concurrent unmark (try again).
 */
@RegisterForReflection // a JSON value inside records the build may not see
public enum MarkOutcome {
    marked, already_marked, no_session, closed, expired, retry
}
