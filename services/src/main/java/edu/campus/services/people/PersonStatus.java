package edu.campus.services.people;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code pending_sso}: the row exists, SSO has not confirmed the account yet (a job retries); {@code active}: the
 * account exists and may act; {@code inactive}: SSO deactivated (or deleted) the account, so it may not act until SSO
 * activates it again; {@code deleting}: the account is being removed from SSO and may not act any more.
 */
@RegisterForReflection
public enum PersonStatus {
    pending_sso, active, inactive, deleting
}
