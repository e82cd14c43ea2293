package edu.campus.common.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

@RegisterRestClient(configKey = "sso")
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
interface JwksApi {

    @GET
    @Path("/jwks")
    Uni<String> jwks();
}
