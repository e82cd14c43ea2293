package edu.campus.traffic.kiosk;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What a kiosk shows: its registration PIN (unregistered), its display PIN (idle), or a session (active). */
@RegisterForReflection // a JSON value inside records the build may not see
public enum KioskStatus {
    unregistered, idle, active
}
