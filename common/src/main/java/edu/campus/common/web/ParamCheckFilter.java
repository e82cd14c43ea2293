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

import edu.campus.common.error.ApiException;

/**
 * Path and query parameters of a number, boolean or enum type are checked before the framework converts them, so
 * that {@code /users/abc}, an id past {@code Long.MAX_VALUE} or {@code ?registered=maybe} is a 400
 * {@code validation_error} naming the parameter: the framework would answer a bare 404 (JAX-RS's rule for path and
 * query conversion failures), which tells the caller nothing and looks like a missing resource. Methods without
 * such parameters cost one map look-up.
 */
public class ParamCheckFilter {

    private enum Kind {
        WHOLE_NUMBER, INT, BOOLEAN, ENUM
    }

    private record Check(boolean path, String name, Kind kind, Class<?> type) {
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
        MultivaluedMap<String, String> path = null;
        MultivaluedMap<String, String> query = null;
        for (Check check : list) {
            List<String> values;
            if (check.path()) {
                path = path == null ? request.getUriInfo().getPathParameters() : path;
                values = path.get(check.name());
            } else {
                query = query == null ? request.getUriInfo().getQueryParameters() : query;
                values = query.get(check.name());
            }
            if (values == null) {
                continue;
            }
            for (String value : values) {
                String problem = problem(check, value);
                if (problem != null) {
                    problems.put(check.name(), problem);
                    break;
                }
            }
        }
        return problems.isEmpty() ? null : ApiException.validation(problems).toResponse();
    }

    /** Why {@code value} does not fit the parameter, or null when it does (an empty query value is left to defaults). */
    static String problem(Check check, String value) {
        if (value.isEmpty() && !check.path()) {
            return null;
        }
        return switch (check.kind()) {
            case WHOLE_NUMBER -> fits(value, Long.MIN_VALUE, Long.MAX_VALUE) ? null : "must be a whole number";
            case INT -> fits(value, Integer.MIN_VALUE, Integer.MAX_VALUE) ? null : "must be a whole number up to " + Integer.MAX_VALUE;
            case BOOLEAN -> "true".equals(value) || "false".equals(value) ? null : "must be true or false";
            case ENUM -> Arrays.stream(check.type().getEnumConstants()).anyMatch(c -> ((Enum<?>) c).name().equals(value)) ? null
                    : "must be one of " + Arrays.toString(check.type().getEnumConstants());
        };
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
