package edu.campus.traffic.attendance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** How a mark was made: a student's QR scan or a teacher's hand. */
@RegisterForReflection // a JSON value inside records the build may not see
public enum MarkMethod {
    qr, manual
}
