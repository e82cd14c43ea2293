package edu.campus.common.launch;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** main's launch-token JWKS; the client's URL is the document's own ({@code LAUNCH_TOKEN_JWKS_URL}). */
@RegisterRestClient(configKey = "launch-jwks")
@Path("")
@Produces(MediaType.APPLICATION_JSON)
interface LaunchJwksApi {

    @GET
    Uni<String> jwks();
}
