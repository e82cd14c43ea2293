package edu.campus.sso.support;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import edu.campus.common.auth.Caller;
import edu.campus.common.auth.RequireScope;
import edu.campus.common.auth.RequireUser;

/** Endpoints as a consumer service would protect them, for the common verifier's tests. */
@Path("/test/protected")
@Produces(MediaType.APPLICATION_JSON)
public class ProtectedTestResource {

    private final Caller caller;

    ProtectedTestResource(Caller caller) {
        this.caller = caller;
    }

    @GET
    @Path("/teacher")
    @RequireUser(app = "traffic", roles = { "teacher", "admin" })
    public Map<String, Object> teacher() {
        var who = caller.get();
        return Map.of("user_id", who.userId(), "username", who.username(), "role", who.role(),
                "entity_id", who.entityId() == null ? -1 : who.entityId());
    }

    @GET
    @Path("/provision")
    @RequireScope("provision:traffic")
    public Map<String, Object> provision() {
        return Map.of("client_id", caller.get().clientId());
    }

    @GET
    @Path("/open")
    public Map<String, Object> open() {
        return Map.of("open", true);
    }
}
