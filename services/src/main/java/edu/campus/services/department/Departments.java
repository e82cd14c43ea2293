package edu.campus.services.department;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.services.application.ApplicationStore;
import edu.campus.services.catalog.CatalogDtos.ServiceSummary;
import edu.campus.services.catalog.ServiceStore;
import edu.campus.services.department.DepartmentDtos.DepartmentCatalog;
import edu.campus.services.department.DepartmentDtos.DepartmentInput;
import edu.campus.services.department.DepartmentDtos.DepartmentView;
import edu.campus.services.people.PeopleStore;
import edu.campus.services.people.PersonKind;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Departments: students see the active ones with their active services; admins keep them. A department is deleted only
 * while nothing refers to it — no applications (archive it instead: {@code active=false} hides it and keeps its
 * history), no staff or executors (delete them first, so SSO follows) — and then its services go with it.
 */
@ApplicationScoped
public class Departments {

    private final DepartmentStore store;
    private final ServiceStore services;
    private final ApplicationStore applications;
    private final PeopleStore people;

    Departments(DepartmentStore store, ServiceStore services, ApplicationStore applications, PeopleStore people) {
        this.store = store;
        this.services = services;
        this.applications = applications;
        this.people = people;
    }

    public Uni<Page<DepartmentView>> list(boolean withInactive, int page, int size) {
        return store.list(withInactive, page, size);
    }

    /** Any department (admins, staff); 404 when there is none. */
    public Uni<DepartmentView> get(long id) {
        return store.byId(id).map(found -> found.orElseThrow(() -> ApiException.notFound("department", id)));
    }

    /** An active department with its active services, as students see it. */
    public Uni<DepartmentCatalog> catalog(long id) {
        return store.byId(id).flatMap(found -> {
            if (found.isEmpty() || !found.get().active()) {
                throw ApiException.notFound("department", id);
            }
            DepartmentView d = found.get();
            return services.ofDepartment(id, false).map(list -> new DepartmentCatalog(d.id(), d.name(), d.description(), d.contact(),
                    list.stream().map(s -> new ServiceSummary(s.id(), s.name(), s.description(), s.requiresFiles())).toList()));
        });
    }

    public Uni<DepartmentView> create(DepartmentInput input) {
        return store.insert(input.name().strip(), text(input.description()), text(input.contact()), !Boolean.FALSE.equals(input.active()))
                .onFailure(PgException.class).transform(failure -> nameTaken(failure, input.name()))
                .flatMap(this::get);
    }

    public Uni<DepartmentView> update(long id, DepartmentInput input) {
        return store.update(id, input.name().strip(), text(input.description()), text(input.contact()), !Boolean.FALSE.equals(input.active()))
                .onFailure(PgException.class).transform(failure -> nameTaken(failure, input.name()))
                .flatMap(updated -> get(id));
    }

    public Uni<Void> delete(long id) {
        return get(id)
                .flatMap(department -> applications.count(id, null))
                .flatMap(count -> {
                    if (count > 0) {
                        throw new ApiException(409, "department_in_use", "the department has applications: archive it (active=false) instead",
                                Map.of("applications", count));
                    }
                    return Uni.combine().all().unis(people.count(PersonKind.staff, id), people.count(PersonKind.executor, id)).asTuple();
                })
                .flatMap(counts -> {
                    if (counts.getItem1() + counts.getItem2() > 0) {
                        throw new ApiException(409, "department_has_people", "delete the department's staff and executors first",
                                Map.of("staff", counts.getItem1(), "executors", counts.getItem2()));
                    }
                    return store.delete(id);
                })
                .onFailure(PgException.class).transform(failure -> "23503".equals(((PgException) failure).getSqlState())
                        ? new ApiException(409, "department_in_use", "something was added to the department meanwhile; try again", Map.of())
                        : failure)
                .replaceWithVoid();
    }

    private static Throwable nameTaken(Throwable failure, String name) {
        return "23505".equals(((PgException) failure).getSqlState())
                ? ApiException.conflict("a department with this name exists", Map.of("name", name.strip()))
                : failure;
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
