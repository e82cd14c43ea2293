package edu.campus.services.application;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The steps an application's history records. */
@RegisterForReflection
public enum HistoryAction {
    submitted, assigned, unassigned, status_changed, replied
}
