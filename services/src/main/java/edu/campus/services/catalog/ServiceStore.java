package edu.campus.services.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.services.catalog.CatalogDtos.ServiceView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code services} table (the catalogue); forms are stored as JSON. */
@ApplicationScoped
public class ServiceStore {

    private static final String COLUMNS = "s.id, s.department_id, d.name as department_name, d.active as department_active, s.name,"
            + " s.description, s.form_schema::text as form, s.requires_files, s.active, s.ordering, s.created_at, s.updated_at";

    /** A service, and whether its department is active (students see it only when both are). */
    public record Found(ServiceView view, boolean departmentActive) {

        public boolean open() {
            return departmentActive && view.active();
        }
    }

    private final Pool db;
    private final ObjectMapper json;

    ServiceStore(Pool db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public Uni<Optional<Found>> byId(long id) {
        return db.preparedQuery("select " + COLUMNS + " from services s join departments d on d.id = s.department_id where s.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(found(rows.iterator().next())) : Optional.empty());
    }

    /** A department's services in its order; only the active ones unless asked. */
    public Uni<List<ServiceView>> ofDepartment(long departmentId, boolean withInactive) {
        return db.preparedQuery("select " + COLUMNS + " from services s join departments d on d.id = s.department_id"
                + " where s.department_id = $1 and ($2 or s.active) order by s.ordering, s.id")
                .execute(Tuple.of(departmentId, withInactive))
                .map(rows -> {
                    List<ServiceView> views = new ArrayList<>(rows.size());
                    rows.forEach(row -> views.add(found(row).view()));
                    return views;
                });
    }

    Uni<Long> insert(long departmentId, String name, String description, FormSchema form, boolean requiresFiles, boolean active,
            int ordering) {
        return db.preparedQuery("insert into services (department_id, name, description, form_schema, requires_files, active, ordering)"
                + " values ($1, $2, $3, $4::text::jsonb, $5, $6, $7) returning id")
                .execute(Tuple.from(List.of(departmentId, name, description, write(form), requiresFiles, active, ordering)))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    Uni<Void> update(long id, String name, String description, FormSchema form, boolean requiresFiles, boolean active, int ordering) {
        return db.preparedQuery("update services set name = $2, description = $3, form_schema = $4::text::jsonb, requires_files = $5,"
                + " active = $6, ordering = $7, updated_at = now() where id = $1")
                .execute(Tuple.from(List.of(id, name, description, write(form), requiresFiles, active, ordering))).replaceWithVoid();
    }

    /** False when it was gone already; the database refuses while applications refer to it. */
    Uni<Boolean> delete(long id) {
        return db.preparedQuery("delete from services where id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    private String write(FormSchema form) {
        try {
            return json.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a form that was read cannot be written", e);
        }
    }

    private Found found(Row row) {
        FormSchema form;
        try {
            form = json.readValue(row.getString("form"), FormSchema.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("service " + row.getLong("id") + " holds a form that does not read", e);
        }
        return new Found(new ServiceView(row.getLong("id"), row.getLong("department_id"), row.getString("department_name"),
                row.getString("name"), row.getString("description"), form, row.getBoolean("requires_files"), row.getBoolean("active"),
                row.getInteger("ordering"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at")),
                row.getBoolean("department_active"));
    }
}
