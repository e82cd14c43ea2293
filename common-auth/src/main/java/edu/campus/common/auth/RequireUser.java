package edu.campus.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs an SSO access token of a user of {@code app} with one of {@code roles} (without them: any user,
 * never a service). 401 without a valid token, 403 otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequireUser {
    /** The user's app; empty: any app. */
    String app() default "";

    /** One of these roles; empty: any role. */
    String[] roles() default {};
}
