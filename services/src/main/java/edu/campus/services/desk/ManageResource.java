package edu.campus.services.desk;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import edu.campus.common.api.Page;
import edu.campus.common.api.PageParams;
import edu.campus.common.auth.RequireUser;
import edu.campus.common.error.ApiException;
import edu.campus.services.catalog.Catalog;
import edu.campus.services.catalog.CatalogDtos.ServiceInput;
import edu.campus.services.catalog.CatalogDtos.ServiceView;
import edu.campus.services.department.Departments;
import edu.campus.services.people.Actor;
import edu.campus.services.people.Actors;
import edu.campus.services.people.People;
import edu.campus.services.people.PeopleDtos.NewPerson;
import edu.campus.services.people.PeopleDtos.PersonView;
import edu.campus.services.people.PersonKind;
import io.smallrye.mutiny.Uni;

/**
 * A department's catalogue and executors: staff manage their own department's, admins any (SSO token of app
 * "services"). Another department's things are 404s for staff.
 */
@Path("/api/services/manage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequireUser(app = "services", roles = { "admin", "staff" })
@SecurityRequirement(name = "bearer")
@Tag(name = "manage: services and executors")
public class ManageResource {

    private final Actors actors;
    private final Departments departments;
    private final Catalog catalog;
    private final People people;

    ManageResource(Actors actors, Departments departments, Catalog catalog, People people) {
        this.actors = actors;
        this.departments = departments;
        this.catalog = catalog;
        this.people = people;
    }

    @GET
    @Path("/departments/{id}/services")
    @Operation(summary = "The department's services, archived ones too")
    public Uni<List<ServiceView>> services(@RestPath long id) {
        return managed(id).flatMap(actor -> catalog.ofDepartment(id));
    }

    @POST
    @Path("/departments/{id}/services")
    @ResponseStatus(201)
    @Operation(summary = "Add a service; its form is checked (400 names every problem by path)")
    @APIResponse(responseCode = "201", description = "the service", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServiceView.class)))
    public Uni<ServiceView> createService(@RestPath long id, @Valid @NotNull ServiceInput service) {
        return managed(id).flatMap(actor -> catalog.create(id, service));
    }

    @GET
    @Path("/services/{id}")
    public Uni<ServiceView> service(@RestPath long id) {
        return actors.current().flatMap(actor -> catalog.managed(actor, id));
    }

    @PUT
    @Path("/services/{id}")
    @Operation(summary = "Change a service (active=false archives it: students no longer see it, its applications stay)")
    public Uni<ServiceView> updateService(@RestPath long id, @Valid @NotNull ServiceInput service) {
        return actors.current().flatMap(actor -> catalog.update(actor, id, service));
    }

    @DELETE
    @Path("/services/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a service without applications (409 service_in_use otherwise: archive it)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "409", description = "service_in_use", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<Void> deleteService(@RestPath long id) {
        return actors.current().flatMap(actor -> catalog.delete(actor, id));
    }

    @GET
    @Path("/departments/{id}/executors")
    public Uni<Page<PersonView>> executors(@RestPath long id, @Valid @BeanParam PageParams paging) {
        return managed(id).flatMap(actor -> people.list(PersonKind.executor, id, paging.page(), paging.size()));
    }

    @POST
    @Path("/departments/{id}/executors")
    @Operation(summary = "Add an executor: SSO creates the account with an invitation (in the answer, once); 202 with status "
            + "pending_sso when SSO could not be reached (a job retries; ask for an invitation once it is active)")
    @APIResponse(responseCode = "201", description = "created, with the invitation", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "202", description = "pending in SSO", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "409", description = "SSO refused (the username is taken)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<RestResponse<PersonView>> createExecutor(@RestPath long id, @Valid @NotNull NewPerson executor) {
        return managed(id).flatMap(actor -> people.create(PersonKind.executor, id, executor)).map(PeopleResponses::created);
    }

    @GET
    @Path("/executors/{id}")
    public Uni<PersonView> executor(@RestPath long id) {
        return actors.current().flatMap(actor -> people.view(actor, PersonKind.executor, id));
    }

    @POST
    @Path("/executors/{id}/invitation")
    @Operation(summary = "A fresh invitation for an executor who has not set a password (the previous code stops working)")
    @APIResponse(responseCode = "200", description = "the executor with the invitation", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "409", description = "password_already_set, account_not_ready", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<PersonView> inviteExecutor(@RestPath long id) {
        return actors.current().flatMap(actor -> people.invite(actor, PersonKind.executor, id));
    }

    @DELETE
    @Path("/executors/{id}")
    @Operation(summary = "Delete an executor: no access from now on; SSO's account, then the record (their applications are "
            + "unassigned); 202 when SSO could not be reached (a job finishes it)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "202", description = "deleting: SSO will be retried", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonView.class)))
    public Uni<RestResponse<PersonView>> deleteExecutor(@RestPath long id) {
        return actors.current().flatMap(actor -> people.delete(actor, PersonKind.executor, id)).map(PeopleResponses::deleted);
    }

    /** The actor, when they manage the department (and it exists); 404 otherwise. */
    private Uni<Actor> managed(long departmentId) {
        return actors.current().flatMap(actor -> {
            if (!actor.manages(departmentId)) {
                throw ApiException.notFound("department", departmentId);
            }
            return departments.get(departmentId).replaceWith(actor);
        });
    }
}
