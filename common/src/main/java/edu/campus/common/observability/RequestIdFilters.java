package edu.campus.common.observability;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every request gets an id: kept in the request's Vert.x context ({@link RequestIds#begin}, so it follows the request
 * across reactive hops and span switches), logged as {@code request_id}, echoed in the response, and sent on by
 * {@link RequestIdClientFilter}.
 */
public class RequestIdFilters {

    private static final String PROPERTY = RequestIds.class.getName();

    @ServerRequestFilter(preMatching = true)
    public void assign(ContainerRequestContext request) {
        String id = RequestIds.accept(request.getHeaderString(RequestIds.HEADER));
        request.setProperty(PROPERTY, id);
        RequestIds.begin(id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(RequestIds.HEADER, id);
        }
    }
}
