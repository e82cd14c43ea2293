package edu.campus.services.catalog;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.error.ApiException;
import edu.campus.services.ServicesConfig;
import edu.campus.services.application.ApplicationStore;
import edu.campus.services.catalog.CatalogDtos.ServiceInput;
import edu.campus.services.catalog.CatalogDtos.ServiceView;
import edu.campus.services.people.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * The catalogue: services of a department and their forms. Students see a service only while it and its department
 * are active; staff keep their department's, admins any. A form is checked when it is saved. A service with
 * applications is not deleted (archive it: {@code active=false}).
 */
@ApplicationScoped
public class Catalog {

    private final ServiceStore store;
    private final ApplicationStore applications;
    private final int maxFiles;

    Catalog(ServiceStore store, ApplicationStore applications, ServicesConfig config) {
        this.store = store;
        this.applications = applications;
        this.maxFiles = config.files().maxCount();
    }

    /** A service as students see it: 404 unless it and its department are active. */
    public Uni<ServiceView> open(long id) {
        return store.byId(id).map(found -> found.filter(ServiceStore.Found::open).map(ServiceStore.Found::view)
                .orElseThrow(() -> ApiException.notFound("service", id)));
    }

    /** A service of a department the actor manages; 404 otherwise. */
    public Uni<ServiceView> managed(Actor actor, long id) {
        return store.byId(id).map(found -> found.map(ServiceStore.Found::view).filter(s -> actor.manages(s.departmentId()))
                .orElseThrow(() -> ApiException.notFound("service", id)));
    }

    public Uni<List<ServiceView>> ofDepartment(long departmentId) {
        return store.ofDepartment(departmentId, true);
    }

    public Uni<ServiceView> create(long departmentId, ServiceInput input) {
        check(input);
        return store.insert(departmentId, input.name().strip(), description(input), input.form(), Boolean.TRUE.equals(input.requiresFiles()),
                !Boolean.FALSE.equals(input.active()), input.ordering() == null ? 0 : input.ordering())
                .onFailure(PgException.class).transform(failure -> "23503".equals(((PgException) failure).getSqlState())
                        ? ApiException.notFound("department", departmentId) : failure)
                .flatMap(id -> store.byId(id)).map(found -> found.orElseThrow().view());
    }

    public Uni<ServiceView> update(Actor actor, long id, ServiceInput input) {
        check(input);
        return managed(actor, id)
                .flatMap(existing -> store.update(id, input.name().strip(), description(input), input.form(),
                        Boolean.TRUE.equals(input.requiresFiles()), !Boolean.FALSE.equals(input.active()),
                        input.ordering() == null ? 0 : input.ordering()))
                .flatMap(ignored -> managed(actor, id));
    }

    public Uni<Void> delete(Actor actor, long id) {
        return managed(actor, id)
                .flatMap(service -> applications.count(null, id))
                .flatMap(count -> {
                    if (count > 0) {
                        throw new ApiException(409, "service_in_use", "the service has applications: archive it (active=false) instead",
                                Map.of("applications", count));
                    }
                    return store.delete(id);
                })
                .onFailure(PgException.class).transform(failure -> "23503".equals(((PgException) failure).getSqlState())
                        ? new ApiException(409, "service_in_use", "an application arrived meanwhile: archive the service instead", Map.of())
                        : failure)
                .replaceWithVoid();
    }

    private void check(ServiceInput input) {
        Map<String, String> problems = input.form().problems(maxFiles);
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
    }

    private static String description(ServiceInput input) {
        return input.description() == null ? "" : input.description().strip();
    }
}
