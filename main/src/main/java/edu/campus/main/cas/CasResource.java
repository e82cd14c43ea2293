package edu.campus.main.cas;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/api/main/auth/cas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class CasResource {

    private final CasLogin login;

    CasResource(CasLogin login) {
        this.login = login;
    }

    @GET
    @Path("/login")
    @Operation(summary = "Start a university (CAS) sign-in: a redirect to CAS; return_to must be on MAIN_ALLOWED_RETURN_URLS")
    @APIResponse(responseCode = "303", description = "to CAS's login page")
    @APIResponse(responseCode = "400", description = "return_to is not allowed (invalid_return_to)")
    public Response login(@QueryParam("return_to") String returnTo) {
        return Response.seeOther(login.loginRedirect(returnTo)).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/callback")
    @Operation(summary = "Where CAS sends the browser back: validates the ticket, then redirects to return_to with the session "
            + "(or an error code) in the URL fragment")
    @APIResponse(responseCode = "303", description = "to return_to#access_token=...&refresh_token=... or return_to#error=cas_...")
    @APIResponse(responseCode = "400", description = "return_to is not allowed (invalid_return_to)")
    public Uni<Response> callback(@QueryParam("return_to") String returnTo, @QueryParam("ticket") String ticket) {
        return login.callback(returnTo, ticket)
                .map(target -> Response.seeOther(target).header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build());
    }

    @POST
    @Path("/callback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "CAS single logout: ends the sign-ins made with the service ticket the LogoutRequest names")
    @APIResponse(responseCode = "204", description = "done (also when nothing was signed in with that ticket)")
    public Uni<Response> singleLogout(@FormParam("logoutRequest") String logoutRequest) {
        return login.singleLogout(logoutRequest).map(ended -> Response.noContent().build());
    }
}
