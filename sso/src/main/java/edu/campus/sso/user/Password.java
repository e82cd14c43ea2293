package edu.campus.sso.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A password sso will store: at least {@link #MIN_CHARACTERS} characters and at most {@link #MAX_BYTES} bytes of UTF-8
 * (bcrypt ignores everything after its 72nd byte, so a longer password would not be what protects the account). Null
 * is valid (use {@code @NotNull} where a password is required).
 */
@Documented
@Constraint(validatedBy = Password.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Password {

    int MIN_CHARACTERS = 12;
    int MAX_BYTES = 72;

    String message() default "must be at least 12 characters and at most 72 bytes in UTF-8";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @RegisterForReflection
    class Validator implements ConstraintValidator<Password, String> {

        /** Whether {@code password} keeps the rules (null does not). */
        public static boolean acceptable(String password) {
            return password != null && password.codePointCount(0, password.length()) >= MIN_CHARACTERS
                    && password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || acceptable(value);
        }
    }
}
