package edu.campus.services.desk;

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
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import edu.campus.common.api.Page;
import edu.campus.common.api.PageParams;
import edu.campus.common.auth.RequireUser;
import edu.campus.services.department.DepartmentDtos.DepartmentInput;
import edu.campus.services.department.DepartmentDtos.DepartmentView;
import edu.campus.services.department.Departments;
import edu.campus.services.people.Actors;
import edu.campus.services.people.People;
import edu.campus.services.people.PeopleDtos.NewPerson;
import edu.campus.services.people.PeopleDtos.PersonView;
import edu.campus.services.people.PersonKind;
import io.smallrye.mutiny.Uni;

/** Admins of services (SSO services/admin): departments and their staff. Everything staff do is theirs too, in any department. */
@Path("/api/services/admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequireUser(app = "services", roles = "admin")
@SecurityRequirement(name = "bearer")
@Tag(name = "admin: departments and staff")
public class AdminResource {

    private final Actors actors;
    private final Departments departments;
    private final People people;

    AdminResource(Actors actors, Departments departments, People people) {
        this.actors = actors;
        this.departments = departments;
        this.people = people;
    }

    @GET
    @Path("/departments")
    @Operation(summary = "Departments, archived ones too unless active_only=true, paged")
    public Uni<Page<DepartmentView>> list(@RestQuery("active_only") Boolean activeOnly, @Valid @BeanParam PageParams paging) {
        return departments.list(!Boolean.TRUE.equals(activeOnly), paging.page(), paging.size());
    }

    @POST
    @Path("/departments")
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "the department", content = @Content(mediaType = "application/json", schema = @Schema(implementation = DepartmentView.class)))
    @APIResponse(responseCode = "409", description = "a department with this name exists", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<DepartmentView> create(@Valid @NotNull DepartmentInput department) {
        return departments.create(department);
    }

    @GET
    @Path("/departments/{id}")
    public Uni<DepartmentView> get(@RestPath long id) {
        return departments.get(id);
    }

    @PUT
    @Path("/departments/{id}")
    @Operation(summary = "Change a department (active=false archives it: hidden from students, applications kept)")
    public Uni<DepartmentView> update(@RestPath long id, @Valid @NotNull DepartmentInput department) {
        return departments.update(id, department);
    }

    @DELETE
    @Path("/departments/{id}")
    @ResponseStatus(204)
    @Operation(summary = "Delete a department with no applications, staff or executors (its services go with it)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "409", description = "department_in_use (archive it), department_has_people", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<Void> delete(@RestPath long id) {
        return departments.delete(id);
    }

    @GET
    @Path("/departments/{id}/staff")
    public Uni<Page<PersonView>> staff(@RestPath long id, @Valid @BeanParam PageParams paging) {
        return departments.get(id).flatMap(d -> people.list(PersonKind.staff, id, paging.page(), paging.size()));
    }

    @POST
    @Path("/departments/{id}/staff")
    @Operation(summary = "Add a staff member: SSO creates the account with an invitation (in the answer, once); 202 with status "
            + "pending_sso when SSO could not be reached (a job retries; ask for an invitation once it is active)")
    @APIResponse(responseCode = "201", description = "created, with the invitation", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "202", description = "pending in SSO", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "409", description = "SSO refused (the username is taken)", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<RestResponse<PersonView>> createStaff(@RestPath long id, @Valid @NotNull NewPerson staff) {
        return departments.get(id).flatMap(d -> people.create(PersonKind.staff, id, staff)).map(PeopleResponses::created);
    }

    @GET
    @Path("/staff/{id}")
    public Uni<PersonView> staffMember(@RestPath long id) {
        return actors.current().flatMap(actor -> people.view(actor, PersonKind.staff, id));
    }

    @POST
    @Path("/staff/{id}/invitation")
    @Operation(summary = "A fresh invitation for a staff member who has not set a password (the previous code stops working)")
    @APIResponse(responseCode = "200", description = "the staff member with the invitation", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "409", description = "password_already_set, account_not_ready", content = @Content(mediaType = "application/json", schema = @Schema(ref = "ErrorBody")))
    public Uni<PersonView> inviteStaff(@RestPath long id) {
        return actors.current().flatMap(actor -> people.invite(actor, PersonKind.staff, id));
    }

    @DELETE
    @Path("/staff/{id}")
    @Operation(summary = "Delete a staff member: no access from now on; SSO's account, then the record; 202 when SSO could not "
            + "be reached (a job finishes it)")
    @APIResponse(responseCode = "204", description = "deleted")
    @APIResponse(responseCode = "202", description = "deleting: SSO will be retried", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PersonView.class)))
    public Uni<RestResponse<PersonView>> deleteStaff(@RestPath long id) {
        return actors.current().flatMap(actor -> people.delete(actor, PersonKind.staff, id)).map(PeopleResponses::deleted);
    }
}
