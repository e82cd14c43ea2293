package edu.campus.services.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.Page;
import edu.campus.services.people.PeopleDtos.PersonView;
import edu.campus.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code staff} and {@code executors} tables (one shape; the kind picks the table, never the caller). */
@ApplicationScoped
public class PeopleStore {

    private static final String COLUMNS = "id, department_id, full_name, username, status, sso_user_id, sso_username, sso_error, "
            + "created_at, updated_at";

    /** A person as the desk checks them on every request. */
    public record Person(PersonKind kind, long id, long departmentId, String fullName, PersonStatus status, String username) {
    }

    private final Pool db;

    PeopleStore(Pool db) {
        this.db = db;
    }

    public Uni<Optional<Person>> byId(PersonKind kind, long id) {
        return db.preparedQuery("select " + COLUMNS + " from " + kind.table + " where id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows).map(row -> person(kind, row)));
    }

    Uni<Optional<PersonView>> view(PersonKind kind, long id) {
        return db.preparedQuery("select " + COLUMNS + " from " + kind.table + " where id = $1").execute(Tuple.of(id))
                .map(rows -> Rows.first(rows).map(PeopleStore::view));
    }

    Uni<Page<PersonView>> list(PersonKind kind, long departmentId, int page, int size) {
        return db.preparedQuery("select " + COLUMNS + ", count(*) over () as total from " + kind.table
                + " where department_id = $1 order by id limit $2 offset $3")
                .execute(Tuple.of(departmentId, size, (long) page * size))
                .flatMap(rows -> {
                    List<PersonView> views = new ArrayList<>(rows.size());
                    long total = 0;
                    for (Row row : rows) {
                        views.add(view(row));
                        total = row.getLong("total");
                    }
                    if (views.isEmpty() && page > 0) {
                        return count(kind, departmentId).map(n -> new Page<>(views, page, size, n));
                    }
                    return Uni.createFrom().item(new Page<>(views, page, size, total));
                });
    }

    public Uni<Long> count(PersonKind kind, long departmentId) {
        return db.preparedQuery("select count(*) from " + kind.table + " where department_id = $1").execute(Tuple.of(departmentId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** A new row, pending in SSO; its id is the account's entity id. */
    Uni<Long> insert(PersonKind kind, long departmentId, String fullName, String username) {
        return db.preparedQuery("insert into " + kind.table + " (department_id, full_name, username) values ($1, $2, $3) returning id")
                .execute(Tuple.of(departmentId, fullName, username)).map(rows -> rows.iterator().next().getLong("id"));
    }

    /** SSO holds the account: the row becomes active (unless it is being deleted or was deactivated meanwhile). */
    Uni<Void> confirm(PersonKind kind, long id, long ssoUserId, String ssoUsername) {
        return db.preparedQuery("update " + kind.table + " set status = 'active', sso_user_id = $2, sso_username = $3, sso_error = null,"
                + " updated_at = now() where id = $1 and status in ('pending_sso', 'active')")
                .execute(Tuple.of(id, ssoUserId, ssoUsername)).replaceWithVoid();
    }

    /** Why the last attempt with SSO failed; the row stays as it is and is retried. */
    Uni<Void> failed(PersonKind kind, long id, String error) {
        return db.preparedQuery("update " + kind.table + " set sso_error = $2, updated_at = now() where id = $1")
                .execute(Tuple.of(id, error)).replaceWithVoid();
    }

    /**
     * SSO deactivated, deleted or activated the account of a row (an sso.user.* event): an active row becomes inactive, an
     * inactive one active; pending and deleting rows are left to their own flows. True when the row changed.
     */
    Uni<Boolean> ssoAccount(SqlClient tx, PersonKind kind, long id, boolean active) {
        return tx.preparedQuery("update " + kind.table + " set status = $2, updated_at = now() where id = $1 and status = $3")
                .execute(Tuple.of(id, active ? "active" : "inactive", active ? "inactive" : "active")).map(rows -> rows.rowCount() == 1);
    }

    /** The row stops acting at once; true when it existed. */
    Uni<Boolean> markDeleting(PersonKind kind, long id) {
        return db.preparedQuery("update " + kind.table + " set status = 'deleting', updated_at = now() where id = $1")
                .execute(Tuple.of(id)).map(rows -> rows.rowCount() == 1);
    }

    /** The row goes (SSO confirmed the account is gone); inside the caller's transaction. */
    Uni<Void> delete(SqlClient tx, PersonKind kind, long id) {
        return tx.preparedQuery("delete from " + kind.table + " where id = $1 and status = 'deleting'").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    /**
     * Rows SSO is not in step with (pending or being deleted) and that nobody touched for {@code quietSeconds} (a request
     * that is talking to SSO about a row right now is left to finish), oldest first.
     */
    Uni<List<Person>> unsettled(PersonKind kind, long quietSeconds, int limit) {
        return db.preparedQuery("select " + COLUMNS + " from " + kind.table
                + " where status in ('pending_sso', 'deleting') and updated_at <= now() - make_interval(secs => $1) order by id limit $2")
                .execute(Tuple.of((double) quietSeconds, limit))
                .map(rows -> {
                    List<Person> people = new ArrayList<>(rows.size());
                    rows.forEach(row -> people.add(person(kind, row)));
                    return people;
                });
    }


    private static Person person(PersonKind kind, Row row) {
        return new Person(kind, row.getLong("id"), row.getLong("department_id"), row.getString("full_name"),
                PersonStatus.valueOf(row.getString("status")), row.getString("username"));
    }

    private static PersonView view(Row row) {
        return new PersonView(row.getLong("id"), row.getLong("department_id"), row.getString("full_name"),
                PersonStatus.valueOf(row.getString("status")), row.getLong("sso_user_id"), row.getString("sso_username"),
                row.getString("sso_error"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"), null);
    }
}
