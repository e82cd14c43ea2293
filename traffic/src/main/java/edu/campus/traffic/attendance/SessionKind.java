package edu.campus.traffic.attendance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where a session's lesson came from: the timetable (a RUZ lesson) or the teacher (ad hoc: not in RUZ). */
@RegisterForReflection // a JSON value inside records the build may not see
public enum SessionKind {
    timetable, adhoc
}
