package edu.campus.common.json;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code @NotBlank} as a person means it: text made only of white space of any kind (no-break spaces, ideographic
 * spaces, zero-width characters) is blank. The built-in check only trims ASCII white space.
 */
@Singleton
public class UnicodeBlank implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(NotBlank.class).includeExistingValidators(false).validatedBy(NotBlankValidator.class);
        configuration.addMapping(mapping);
    }

    /** True when {@code text} has at least one character that is not white space, a space separator or a format mark. */
    public static boolean hasText(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!blank(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} without leading and trailing white space, space separators (no-break spaces) and format marks. */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && blank(text.charAt(start))) {
            start++;
        }
        while (end > start && blank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean blank(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT;
    }

    @RegisterForReflection
    public static class NotBlankValidator implements ConstraintValidator<NotBlank, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return hasText(value);
        }
    }
}
