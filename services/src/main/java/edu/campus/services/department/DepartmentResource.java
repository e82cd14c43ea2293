package edu.campus.services.department;

import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import edu.campus.common.api.Page;
import edu.campus.common.api.PageParams;
import edu.campus.services.department.DepartmentDtos.DepartmentCatalog;
import edu.campus.services.department.DepartmentDtos.DepartmentView;
import io.smallrye.mutiny.Uni;

/** The catalogue's front: anyone may read the active departments and their active services. */
@Path("/api/services/departments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "catalogue")
public class DepartmentResource {

    private final Departments departments;

    DepartmentResource(Departments departments) {
        this.departments = departments;
    }

    @GET
    @Operation(summary = "Active departments, by name, paged")
    public Uni<Page<DepartmentView>> list(@Valid @BeanParam PageParams paging) {
        return departments.list(false, paging.page(), paging.size());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An active department with its active services, in the department's order")
    public Uni<DepartmentCatalog> get(@RestPath long id) {
        return departments.catalog(id);
    }
}
