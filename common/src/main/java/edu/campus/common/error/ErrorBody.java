package edu.campus.common.error;

import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The one error body of the platform: {@code {"error_code","message","details"}}. */
@RegisterForReflection
public record ErrorBody(String errorCode, String message, Map<String, Object> details) {

    public ErrorBody {
        details = details == null ? Map.of() : details;
    }
}
