package edu.campus.common.error;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A failure that has a meaning for the caller: it becomes an HTTP status and an {@link ErrorBody}.
 * Client errors carry no stack trace; they are expected and cheap.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final Map<String, Object> details;

    public ApiException(int status, String errorCode, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    protected ApiException(int status, String errorCode, String message, Map<String, Object> details, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public Map<String, Object> details() {
        return details;
    }

    public ErrorBody body() {
        return new ErrorBody(errorCode, getMessage(), details);
    }

    /** The HTTP answer: status, the error body, and {@code Retry-After} when {@code details.retry_after_seconds} says. */
    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body());
        Object retryAfter = details.get("retry_after_seconds");
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter.toString());
        }
        return response.build();
    }

    public static ApiException notFound(String what, Object id) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("resource", what);
        if (id != null) {
            details.put("id", String.valueOf(id));
        }
        return new ApiException(404, ErrorCodes.NOT_FOUND, what + " not found", details);
    }

    /** 401: no credentials, or credentials that are not valid. */
    public static ApiException unauthorized(String message) {
        return new ApiException(401, ErrorCodes.UNAUTHORIZED, message, Map.of());
    }

    /** 403: valid credentials that do not allow this. */
    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorCodes.FORBIDDEN, message, Map.of());
    }

    public static ApiException conflict(String message, Map<String, Object> details) {
        return new ApiException(409, ErrorCodes.CONFLICT, message, details);
    }

    /** A 400 naming the offending fields: {@code details.fields = {field: problem}}. */
    public static ApiException validation(Map<String, String> fields) {
        return new ApiException(400, ErrorCodes.VALIDATION, "request is not valid", Map.of("fields", Map.copyOf(fields)));
    }

    public static ApiException validation(String field, String problem) {
        return validation(Map.of(field, problem));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorCodes.BAD_REQUEST, message, Map.of());
    }
}
