package edu.campus.main.miniapp;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import edu.campus.common.launch.RequireStudent;
import edu.campus.common.launch.Student;
import edu.campus.main.miniapp.MiniApps.Launch;
import edu.campus.main.miniapp.MiniApps.MiniApp;
import io.smallrye.mutiny.Uni;

@Path("/api/main/miniapps")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "launch")
public class MiniAppResource {

    public record MiniAppList(List<MiniApp> miniapps) {
    }

    private final MiniApps apps;
    private final Student caller;

    MiniAppResource(MiniApps apps, Student caller) {
        this.apps = apps;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The mini apps a student can launch")
    public MiniAppList list() {
        return new MiniAppList(apps.all());
    }

    @POST
    @Path("/{app}/launch")
    @RequireStudent
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "A launch token for one mini app (its bearer token there; ask again when it expires)")
    @APIResponse(responseCode = "200", description = "the launch token", content = @Content(mediaType = "application/json", schema = @Schema(implementation = Launch.class)))
    @APIResponse(responseCode = "404", description = "no such mini app")
    public Uni<Launch> launch(@PathParam("app") String app) {
        return apps.launch(caller.get().studentId(), app);
    }
}
