package edu.campus.sso.provision;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import edu.campus.common.error.Params;
import edu.campus.sso.auth.Tokens;
import edu.campus.sso.provision.ProvisionDtos.BatchResponse;
import edu.campus.sso.provision.ProvisionDtos.ProvisionedUser;
import edu.campus.sso.provision.ProvisionDtos.TeacherBatch;
import edu.campus.sso.provision.ProvisionDtos.TeacherUpsert;
import io.smallrye.mutiny.Uni;

/** Internal: for the domain services' service tokens only. The public gateway does not route /api/provision. */
@Path("/api/provision")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "provision")
public class ProvisionResource {

    static final String TRAFFIC = "provision:traffic";

    private final Provisioning provisioning;
    private final Tokens tokens;

    ProvisionResource(Provisioning provisioning, Tokens tokens) {
        this.provisioning = provisioning;
        this.tokens = tokens;
    }

    @POST
    @Path("/traffic/teachers")
    @Operation(summary = "Upsert the SSO account of a traffic teacher (by entity_id; ruz_teacher_id kept unique)")
    public Uni<ProvisionedUser> teacher(@RestHeader("Authorization") String authorization, @Valid @NotNull TeacherUpsert body) {
        String client = client(authorization, TRAFFIC);
        return provisioning.upsertTeacher(body, client);
    }

    @POST
    @Path("/traffic/teachers/batch")
    @Operation(summary = "The same for up to 1000 teachers; each item answers on its own")
    public Uni<BatchResponse> teachers(@RestHeader("Authorization") String authorization, @Valid @NotNull TeacherBatch body) {
        String client = client(authorization, TRAFFIC);
        return provisioning.upsertTeachers(body.teachers(), client).map(results -> {
            int failed = (int) results.stream().filter(r -> r.error() != null).count();
            return new BatchResponse(results.size() - failed, failed, results);
        });
    }

    @DELETE
    @Path("/traffic/teachers/{entity_id}")
    @Operation(summary = "Delete the account of a traffic teacher; deleting twice is fine")
    public Uni<Response> deleteTeacher(@RestHeader("Authorization") String authorization, @RestPath("entity_id") long entityId) {
        String client = client(authorization, TRAFFIC);
        return provisioning.deleteTeacher(Params.positiveId("entity_id", entityId), client)
                .map(deleted -> Response.noContent().build());
    }

    private String client(String authorization, String scope) {
        return tokens.verifyService(authorization, scope).getClaimValue("client_id").toString();
    }
}
