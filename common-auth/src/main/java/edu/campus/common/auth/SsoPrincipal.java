package edu.campus.common.auth;

import java.util.Set;

/** Who called: a user (app, role, entity) or a service (client id and scopes). */
public record SsoPrincipal(String subject, Long userId, String username, String fullName, String app, String role,
        Long entityId, String clientId, Set<String> scopes) {

    public boolean isService() {
        return clientId != null;
    }
}
