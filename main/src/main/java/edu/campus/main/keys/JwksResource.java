package edu.campus.main.keys;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/main/.well-known/jwks.json")
@Tag(name = "launch")
public class JwksResource {

    private final LaunchKeys keys;

    JwksResource(LaunchKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public keys that verify launch tokens and students' access tokens (JWKS)")
    public Response jwks() {
        return Response.ok(keys.jwks()).header("Cache-Control", "public, max-age=300").build();
    }
}
