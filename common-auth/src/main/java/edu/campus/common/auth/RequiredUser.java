package edu.campus.common.auth;

import java.lang.reflect.Method;

/** The user an endpoint needs: {@link RequireUser} on the resource method, else on its class. */
public final class RequiredUser {

    private RequiredUser() {
    }

    /** The annotation that applies, or null when the endpoint needs no user. */
    public static RequireUser of(Method method, Class<?> type) {
        RequireUser user = method.getAnnotation(RequireUser.class);
        return user == null && type != null ? type.getAnnotation(RequireUser.class) : user;
    }

    /** True when the endpoint needs a user of {@code app} (a service's own endpoints, say, for a check of its own). */
    public static boolean ofApp(Method method, Class<?> type, String app) {
        RequireUser user = of(method, type);
        return user != null && app.equals(user.app());
    }
}
