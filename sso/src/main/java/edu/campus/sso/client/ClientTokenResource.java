package edu.campus.sso.client;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import edu.campus.common.sso.SsoModel.ClientCredentials;
import edu.campus.common.sso.SsoModel.ServiceToken;
import edu.campus.common.web.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code POST /api/auth/token}: client credentials → a service token. Internal, like {@code /api/provision}: the gateway
 * does not route it and it is not in the public API document; attempts are throttled per client id and address.
 */
@Path("/api/auth/token")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientTokenResource {

    private final ServiceClients clients;

    ClientTokenResource(ServiceClients clients) {
        this.clients = clients;
    }

    @POST
    @Operation(summary = "Client credentials: a service token carrying the calling service's scopes", hidden = true)
    public Uni<ServiceToken> token(@Valid @NotNull ClientCredentials body, @Context HttpServerRequest http) {
        return clients.token(body.clientId(), body.clientSecret(), ClientAddress.of(http));
    }
}
