package edu.campus.common.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ClientWebApplicationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import edu.campus.common.error.ApiException;
import edu.campus.common.error.ErrorBody;
import edu.campus.common.error.ErrorCodes;
import edu.campus.common.observability.RequestIds;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.smallrye.faulttolerance.api.RateLimitException;

/** Turns every failure that leaves a resource into the platform's error body. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        if (e instanceof UpstreamException) {
            LOG.warnf("upstream failure: %s %s caused by %s", e.errorCode(), e.details(), e.getCause());
        }
        return e.toResponse();
    }

    @ServerExceptionMapper
    public Response violation(ResteasyReactiveViolationException e) {
        boolean ourBug = e.getConstraintViolations().stream().anyMatch(v -> {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
            return false;
        });
        if (ourBug) {
            return internal(e); // an invalid response is our defect, not the caller's
        }
        return respond(400, validationBody(e));
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e) {
        return respond(400, validationBody(e));
    }

    /** Declared on its own: Quarkus's built-in mapper for this type would otherwise answer an empty 400. */
    @ServerExceptionMapper
    public Response mismatch(MismatchedInputException e) {
        return json(e);
    }

    /** Declared on its own, like {@link #mismatch}: the most specific mapper wins, and a built-in one would say less. */
    @ServerExceptionMapper
    public Response parse(JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            String field = fieldPath(mismatch);
            String problem = e instanceof UnrecognizedPropertyException ? "is not a known property"
                    : "must be " + expected(mismatch.getTargetType());
            return respond(400, new ErrorBody(ErrorCodes.VALIDATION, "request is not valid",
                    Map.of("fields", Map.of(field.isEmpty() ? "request" : field, problem))));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        JsonLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            details.put("line", where.getLineNr());
            details.put("column", where.getColumnNr());
        }
        return respond(400, new ErrorBody(ErrorCodes.BAD_REQUEST, "request body is not valid JSON"
                + (details.isEmpty() ? "" : " (line " + details.get("line") + ", column " + details.get("column") + ")"), details));
    }

    /** {@code items[2].full_name}: the path of the offending property, as written in the body. */
    static String fieldPath(MismatchedInputException mismatch) {
        StringBuilder field = new StringBuilder();
        for (var ref : mismatch.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    /** What a JSON value of this Java type looks like, for the caller. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type == java.util.UUID.class) {
            return "a string";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class || type == Short.class
                || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date or time in ISO 8601";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json); // the body reader wrapped a parse failure
        }
        if (e instanceof ClientWebApplicationException) {
            // an upstream answered with an error status and nobody translated it: never leak its status
            return api(Upstreams.map("upstream", e));
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return internal(e);
        }
        String code = switch (status) {
            case 400 -> ErrorCodes.BAD_REQUEST;
            case 401 -> ErrorCodes.UNAUTHORIZED;
            case 403 -> ErrorCodes.FORBIDDEN;
            case 404 -> ErrorCodes.NOT_FOUND;
            case 405 -> ErrorCodes.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCodes.NOT_ACCEPTABLE;
            case 409 -> ErrorCodes.CONFLICT;
            case 415 -> ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> ErrorCodes.TOO_MANY_REQUESTS;
            default -> "http_" + status;
        };
        String message = status == 404 ? "resource not found" : Response.Status.fromStatusCode(status) == null
                ? "request failed" : Response.Status.fromStatusCode(status).getReasonPhrase().toLowerCase();
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(code, message, Map.of()));
        if (e.getResponse() != null && e.getResponse().getHeaderString("Allow") != null) {
            builder.header("Allow", e.getResponse().getHeaderString("Allow"));
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e) {
        return api(Upstreams.map("upstream", e));
    }

    @ServerExceptionMapper
    public Response open(CircuitBreakerOpenException e) {
        return api(Upstreams.map("upstream", e));
    }

    @ServerExceptionMapper
    public Response limited(RateLimitException e) {
        return respond(429, new ErrorBody(ErrorCodes.TOO_MANY_REQUESTS, "too many requests", Map.of()));
    }

    @ServerExceptionMapper
    public Response busy(BulkheadException e) {
        return respond(503, new ErrorBody("overloaded", "the service is busy, try again shortly", Map.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseFailures.unavailable(e)) {
            LOG.warnf("database unavailable: %s", e.toString());
            return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "5")
                    .entity(new ErrorBody(ErrorCodes.DATABASE_UNAVAILABLE, "the database is unavailable; try again shortly",
                            Map.of("retry_after_seconds", 5)))
                    .build();
        }
        return internal(e);
    }

    private static Response internal(Throwable e) {
        LOG.error("unhandled failure", e);
        String requestId = RequestIds.current();
        Map<String, Object> details = requestId == null ? Map.of() : Map.of("request_id", requestId);
        return respond(500, new ErrorBody(ErrorCodes.INTERNAL, "internal error", details));
    }

    private static Response respond(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static ErrorBody validationBody(ConstraintViolationException e) {
        Map<String, String> fields = new TreeMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            fields.merge(fieldName(violation.getPropertyPath()), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        return new ErrorBody(ErrorCodes.VALIDATION, "request is not valid", Map.of("fields", fields));
    }

    /** {@code resolve.facultyAbbr} → {@code faculty_abbr}; {@code create.body.items[2].name} → {@code items[2].name}. */
    static String fieldName(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean bodyParameter = node.getKind() == ElementKind.PARAMETER && i + 1 < nodes.size();
            if (node.getKind() == ElementKind.METHOD || bodyParameter) {
                continue; // the method, and a body parameter's own name, add nothing for the caller
            }
            if (node.getName() != null) {
                name.append(name.isEmpty() ? "" : ".").append(snake(node.getName()));
            }
            if (node.getIndex() != null) {
                name.append('[').append(node.getIndex()).append(']');
            }
        }
        return name.isEmpty() ? "request" : name.toString();
    }

    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
