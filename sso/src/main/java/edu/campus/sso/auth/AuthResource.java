package edu.campus.sso.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import edu.campus.common.auth.Caller;
import edu.campus.common.auth.RequireUser;
import edu.campus.sso.auth.AuthDtos.LoginRequest;
import edu.campus.sso.auth.AuthDtos.Me;
import edu.campus.sso.auth.AuthDtos.RefreshRequest;
import edu.campus.sso.auth.AuthDtos.TokenPair;
import edu.campus.sso.keys.SigningKeys;
import edu.campus.common.web.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {

    private final AuthService auth;
    private final SigningKeys keys;
    private final Caller caller;

    AuthResource(AuthService auth, SigningKeys keys, Caller caller) {
        this.auth = auth;
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Path("/login")
    @Operation(summary = "Sign in: an access token (RS256 JWT) and a rotating refresh token")
    @APIResponse(responseCode = "200", description = "the tokens", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenPair.class)))
    @APIResponse(responseCode = "401", description = "wrong username, password or app, or a deactivated account (the same answer)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    @APIResponse(responseCode = "429", description = "too many failed sign-ins (Retry-After)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<TokenPair> login(@Valid @NotNull LoginRequest body, @Context HttpServerRequest http) {
        return auth.login(body, ClientAddress.of(http));
    }

    @POST
    @Path("/refresh")
    @Operation(summary = "Rotate a refresh token; a rotated one presented again revokes the sign-in")
    public Uni<TokenPair> refresh(@Valid @NotNull RefreshRequest body) {
        return auth.refresh(body.refreshToken());
    }

    @POST
    @Path("/logout")
    @Operation(summary = "Revoke the sign-in the refresh token belongs to")
    public Uni<Response> logout(@Valid @NotNull RefreshRequest body) {
        return auth.logout(body.refreshToken()).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/me")
    @RequireUser
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The account behind the access token")
    public Uni<Me> me() {
        return auth.me(caller.get().userId());
    }

    @GET
    @Path("/jwks")
    @Operation(summary = "The public keys that verify access tokens (JWKS)")
    public Response jwks() {
        return Response.ok(keys.jwks()).header("Cache-Control", "public, max-age=300").build();
    }
}
