package edu.campus.common.launch;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs a student's launch token for this app ({@code campus.launch.audience}) as its bearer token;
 * 401 without a valid one, before the body is read or validated. The student is then in {@link Student}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequireStudent {
}
