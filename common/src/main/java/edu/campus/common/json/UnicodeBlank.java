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
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && Character.getType(c) != Character.FORMAT) {
                return true;
            }
        }
        return false;
    }

    @RegisterForReflection
    public static class NotBlankValidator implements ConstraintValidator<NotBlank, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return hasText(value);
        }
    }
}
