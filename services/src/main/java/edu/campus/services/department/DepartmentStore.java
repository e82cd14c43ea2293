package edu.campus.services.department;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.Page;
import edu.campus.services.department.DepartmentDtos.DepartmentView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code departments} table. */
@ApplicationScoped
public class DepartmentStore {

    private static final String COLUMNS = "id, name, description, contact, active, created_at, updated_at";

    private final Pool db;

    DepartmentStore(Pool db) {
        this.db = db;
    }

    public Uni<Optional<DepartmentView>> byId(long id) {
        return db.preparedQuery("select " + COLUMNS + " from departments where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(view(rows.iterator().next())) : Optional.empty());
    }

    Uni<Page<DepartmentView>> list(boolean withInactive, int page, int size) {
        String where = withInactive ? "" : " where active";
        return db.preparedQuery("select " + COLUMNS + " from departments" + where + " order by name, id limit $1 offset $2")
                .execute(Tuple.of(size, (long) page * size))
                .flatMap(rows -> db.query("select count(*) from departments" + where).execute().map(count -> {
                    List<DepartmentView> views = new ArrayList<>(rows.size());
                    rows.forEach(row -> views.add(view(row)));
                    return new Page<>(views, page, size, count.iterator().next().getLong(0));
                }));
    }

    /** The new id; a name in use (case-insensitively) fails with the unique violation. */
    Uni<Long> insert(String name, String description, String contact, boolean active) {
        return db.preparedQuery("insert into departments (name, description, contact, active) values ($1, $2, $3, $4) returning id")
                .execute(Tuple.of(name, description, contact, active)).map(rows -> rows.iterator().next().getLong("id"));
    }

    Uni<Boolean> update(long id, String name, String description, String contact, boolean active) {
        return db.preparedQuery("update departments set name = $2, description = $3, contact = $4, active = $5, updated_at = now()"
                + " where id = $1").execute(Tuple.of(id, name, description, contact, active)).map(rows -> rows.rowCount() == 1);
    }

    /** Deletes the department and its services (the database refuses while applications or people refer to it). */
    Uni<Boolean> delete(long id) {
        return db.preparedQuery("delete from departments where id = $1").execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    private static DepartmentView view(Row row) {
        return new DepartmentView(row.getLong("id"), row.getString("name"), row.getString("description"), row.getString("contact"),
                row.getBoolean("active"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
