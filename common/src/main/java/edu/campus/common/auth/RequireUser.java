package edu.campus.common.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The endpoint needs an SSO access token of a user of {@code app} with one of {@code roles}. 401 without, 403 otherwise. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequireUser {
    String app();

    String[] roles();
}
