package edu.campus.common.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import edu.campus.common.error.ApiException;

/**
 * Path and query parameters of a number, boolean or enum type are checked before the framework converts them, so
 * that {@code /users/abc}, an id past {@code Long.MAX_VALUE} or {@code ?registered=maybe} is a 400
 * {@code validation_error} naming the parameter; without it the framework would answer a bare 404 (JAX-RS's rule for
 * path and query conversion failures), which tells the caller nothing and looks like a missing resource. This is also
 * the one place ids are validated: a whole-number parameter named {@code id} or {@code *_id} must be at least 1 (no
 * {@code @Min} on id parameters, no checks by hand). Values are read from the request context, without building a
 * UriInfo; methods without such parameters cost one map look-up.
 */
public class ParamCheckFilter {

    private enum Kind {
        WHOLE_NUMBER, INT, BOOLEAN, ENUM
    }

    record Check(boolean path, String name, Kind kind, Class<?> type) {
    }

    private final Map<Method, List<Check>> checks = new ConcurrentHashMap<>();

    /** After authentication (priority {@code USER}): an unauthenticated caller hears 401 first. */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Response check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        List<Check> list = checks.computeIfAbsent(method, ParamCheckFilter::checksOf);
        if (list.isEmpty()) {
            return null;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        for (Check check : list) {
            for (String value : values(request, check)) {
                String problem = problem(check, value);
                if (problem != null) {
                    problems.put(check.name(), problem);
                    break;
                }
            }
        }
        return problems.isEmpty() ? null : ApiException.validation(problems).toResponse();
    }

    /** The raw values, from the request context (no UriInfo is built on the hot path), else from the UriInfo. */
    private static List<String> values(ContainerRequestContext request, Check check) {
        if (request instanceof ResteasyReactiveContainerRequestContext reactive
                && reactive.getServerRequestContext() instanceof ResteasyReactiveRequestContext context) {
            if (check.path()) {
                String value = context.getPathParameter(check.name(), false);
                return value == null ? List.of() : List.of(value);
            }
            Object value = context.getQueryParameter(check.name(), false, false);
            if (value instanceof List<?> many) {
                List<String> out = new ArrayList<>(many.size());
                many.forEach(v -> out.add(String.valueOf(v)));
                return out;
            }
            return value == null ? List.of() : List.of(String.valueOf(value));
        }
        MultivaluedMap<String, String> source = check.path() ? request.getUriInfo().getPathParameters()
                : request.getUriInfo().getQueryParameters();
        List<String> values = source.get(check.name());
        return values == null ? List.of() : values;
    }

    /** Why {@code value} does not fit the parameter, or null when it does (an empty query value is left to defaults). */
    static String problem(Check check, String value) {
        if (value.isEmpty() && !check.path()) {
            return null;
        }
        return switch (check.kind()) {
            case WHOLE_NUMBER -> !fits(value, Long.MIN_VALUE, Long.MAX_VALUE) ? "must be a whole number"
                    : isId(check.name()) && Long.parseLong(value) < 1 ? "must be greater than or equal to 1" : null;
            case INT -> fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE) ? null : "must be a whole number up to " + Integer.MAX_VALUE;
            case BOOLEAN -> "true".equals(value) || "false".equals(value) ? null : "must be true or false";
            case ENUM -> Arrays.stream(check.type().getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(value)) ? null
                    : "must be one of " + Arrays.toString(check.type().getEnumConstants());
        };
    }

    /** Ids are positive: a whole-number parameter named {@code id} or {@code *_id} is checked here, and only here. */
    static boolean isId(String name) {
        return name.equals("id") || name.endsWith("_id");
    }

    private static boolean fits(String value, long min, long max) {
        try {
            long parsed = Long.parseLong(value);
            return parsed >= min && parsed <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static List<Check> checksOf(Method method) {
        List<Check> out = new ArrayList<>();
        Parameter[] parameters = method.getParameters();
        for (Parameter parameter : parameters) {
            if (parameter.isAnnotationPresent(BeanParam.class)) {
                for (Field field : parameter.getType().getDeclaredFields()) {
                    add(out, field.getType(), field.getAnnotations(), field.getName());
                }
                continue;
            }
            add(out, parameter.getType(), parameter.getAnnotations(), parameter.getName());
        }
        return List.copyOf(out);
    }

    private static void add(List<Check> out, Class<?> type, Annotation[] annotations, String declaredName) {
        Kind kind = kindOf(type);
        if (kind == null) {
            return;
        }
        {
            for (Annotation annotation : annotations) {
                String name = null;
                boolean path = false;
                if (annotation instanceof RestPath p) {
                    name = p.value();
                    path = true;
                } else if (annotation instanceof PathParam p) {
                    name = p.value();
                    path = true;
                } else if (annotation instanceof RestQuery q) {
                    name = q.value();
                } else if (annotation instanceof QueryParam q) {
                    name = q.value();
                } else {
                    continue;
                }
                out.add(new Check(path, name == null || name.isEmpty() ? declaredName : name, kind, type));
            }
        }
    }

    private static Kind kindOf(Class<?> type) {
        if (type == long.class || type == Long.class) {
            return Kind.WHOLE_NUMBER;
        }
        if (type == int.class || type == Integer.class) {
            return Kind.INT;
        }
        if (type == boolean.class || type == Boolean.class) {
            return Kind.BOOLEAN;
        }
        return type.isEnum() ? Kind.ENUM : null;
    }
}
