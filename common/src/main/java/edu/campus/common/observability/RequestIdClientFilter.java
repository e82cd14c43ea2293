package edu.campus.common.observability;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;


/** Sends the current request id on every outbound REST-client call (a global provider for all clients). */
@Provider
public class RequestIdClientFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        if (request.getHeaderString(RequestIds.HEADER) != null) {
            return;
        }
        String id = RequestIds.current();
        request.getHeaders().putSingle(RequestIds.HEADER, id != null ? id : RequestIds.generate());
    }
}
