package edu.campus.services.application;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.common.api.LikePatterns;
import edu.campus.common.api.Page;
import edu.campus.common.launch.LaunchPrincipal;
import edu.campus.services.application.ApplicationDtos.ApplicationSummary;
import edu.campus.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code applications} table. */
@ApplicationScoped
public class ApplicationStore {

    private static final String COLUMNS = """
            select a.id, a.service_id, s.name as service_name, a.department_id, d.name as department_name, a.student_id,
                   a.student_name, a.student_email, a.student_group, a.status, a.executor_id, e.full_name as executor_name,
                   a.created_at, a.updated_at""";
    private static final String FROM = """

            from applications a
            join services s on s.id = a.service_id
            join departments d on d.id = a.department_id
            left join executors e on e.id = a.executor_id
            """;
    private static final String SUMMARY = COLUMNS + FROM;

    /** An application with its answers (JSON text), as its detail and the access checks read it. */
    public record Found(ApplicationSummary summary, String formJson) {
    }

    /** What a retried submit finds: the application its key made first, and for which service. */
    public record Existing(long id, long serviceId) {
    }

    /** The fields a transition or assignment checks, read under a row lock. */
    public record Locked(long id, long departmentId, long studentId, ApplicationStatus status, Long executorId) {
    }

    private final Pool db;

    ApplicationStore(Pool db) {
        this.db = db;
    }

    /** The new application's id, or empty when this student already used this idempotency key. */
    Uni<Optional<Long>> insert(SqlClient tx, long serviceId, long departmentId, LaunchPrincipal student, String formJson,
            String idempotencyKey) {
        return tx.preparedQuery("""
                insert into applications (service_id, department_id, student_id, student_name, student_email, student_group,
                                          form_data, idempotency_key)
                values ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8)
                on conflict (student_id, idempotency_key) do nothing
                returning id
                """).execute(Tuple.from(Arrays.asList(serviceId, departmentId, student.studentId(), nameOf(student), student.email(),
                student.group(), formJson, idempotencyKey)))
                .map(rows -> Rows.first(rows).map(row -> row.getLong("id")));
    }

    Uni<Optional<Existing>> byIdempotencyKey(long studentId, String key) {
        return db.preparedQuery("select id, service_id from applications where student_id = $1 and idempotency_key = $2")
                .execute(Tuple.of(studentId, key))
                .map(rows -> Rows.first(rows).map(row -> new Existing(row.getLong("id"), row.getLong("service_id"))));
    }

    Uni<Optional<Found>> byId(long id) {
        return db.preparedQuery(COLUMNS + ", a.form_data::text as form_json" + FROM + " where a.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> Rows.first(rows).map(row -> new Found(summary(row), row.getString("form_json"))));
    }

    Uni<Page<ApplicationSummary>> ofStudent(long studentId, int page, int size) {
        return page(List.of("a.student_id = $1"), new ArrayList<>(List.of(studentId)), DeskQuery.Sort.created_desc, page, size,
                Long.MAX_VALUE).map(p -> new Page<>(p.items(), p.page(), p.size(), p.total()));
    }

    /**
     * The desk's listing. Only the filters asked for become conditions (one prepared statement per combination, each
     * with a plan that uses the indexes: no "$n is null or ..." that a generic plan cannot use); the page's ids are found
     * first, in the index, and only those rows are joined with their service, department and executor.
     */
    Uni<DeskPage> desk(DeskQuery query, int page, int size, long countCap) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        condition(where, args, "a.department_id = $", query.department());
        condition(where, args, "a.executor_id = $", query.assignee());
        condition(where, args, "a.status = $", query.status() == null ? null : query.status().name());
        condition(where, args, "a.service_id = $", query.service());
        condition(where, args, "a.executor_id = $", query.executor());
        if (Boolean.TRUE.equals(query.unassigned())) {
            where.add("a.executor_id is null");
        }
        String text = query.text() == null ? "" : query.text().strip();
        if (!text.isEmpty()) {
            args.add(LikePatterns.containing(text.toLowerCase()));
            String search = SEARCH + " like $" + args.size();
            if (text.matches("\\d{1,18}")) {
                args.add(Long.parseLong(text));
                search = "(" + search + " or a.id = $" + args.size() + ")";
            }
            where.add(search);
        }
        return page(where, args, query.sort(), page, size, countCap);
    }

    /** What the desk's text search looks in (the expression of the trigram index applications_search). */
    private static final String SEARCH = "(lower(a.student_name) || ' ' || lower(coalesce(a.student_email, '')) || ' '"
            + " || lower(coalesce(a.student_group, '')))";

    private static void condition(List<String> where, List<Object> args, String sql, Object value) {
        if (value != null) {
            args.add(value);
            where.add(sql + args.size());
        }
    }

    /** A page, and how many rows match: counted up to {@code countCap} (counting is linear in the rows it counts). */
    private Uni<DeskPage> page(List<String> where, List<Object> args, DeskQuery.Sort sort, int page, int size, long countCap) {
        String filter = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        int n = args.size();
        List<Object> paged = new ArrayList<>(args);
        paged.add(size);
        paged.add((long) page * size);
        String sql = "with page as (select a.id from applications a" + filter + " order by " + sort.orderBy + " limit $" + (n + 1)
                + " offset $" + (n + 2) + ")\n" + COLUMNS + FROM + " where a.id in (select id from page) order by " + sort.orderBy;
        Uni<RowSet<Row>> items = db.preparedQuery(sql).execute(Tuple.from(paged));
        String counting = countCap == Long.MAX_VALUE ? "select count(*) from applications a" + filter
                : "select count(*) from (select 1 from applications a" + filter + " limit " + (countCap + 1) + ") c";
        Uni<RowSet<Row>> count = db.preparedQuery(counting).execute(Tuple.from(args));
        return Uni.combine().all().unis(items, count).asTuple().map(both -> {
            List<ApplicationSummary> list = new ArrayList<>(both.getItem1().size());
            both.getItem1().forEach(row -> list.add(summary(row)));
            long total = both.getItem2().iterator().next().getLong(0);
            return new DeskPage(list, page, size, Math.min(total, countCap), total > countCap);
        });
    }

    /** Status and executor, with the row locked until the transaction ends. */
    Uni<Optional<Locked>> lock(SqlClient tx, long id) {
        return tx.preparedQuery("select id, department_id, student_id, status, executor_id from applications where id = $1 for update")
                .execute(Tuple.of(id))
                .map(rows -> Rows.first(rows).map(row -> new Locked(row.getLong("id"), row.getLong("department_id"), row.getLong("student_id"),
                        ApplicationStatus.valueOf(row.getString("status")), row.getLong("executor_id"))));
    }

    Uni<Void> setStatus(SqlClient tx, long id, ApplicationStatus status) {
        return tx.preparedQuery("update applications set status = $2, updated_at = now() where id = $1")
                .execute(Tuple.of(id, status.name())).replaceWithVoid();
    }

    Uni<Void> setExecutor(SqlClient tx, long id, Long executorId) {
        return tx.preparedQuery("update applications set executor_id = $2, updated_at = now() where id = $1")
                .execute(Tuple.of(id, executorId)).replaceWithVoid();
    }

    Uni<Void> touch(SqlClient tx, long id) {
        return tx.preparedQuery("update applications set updated_at = now() where id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Takes the executor off every application assigned to them; the ids (with their status) it was taken off. */
    public Uni<List<Locked>> unassignExecutor(SqlClient tx, long executorId) {
        return tx.preparedQuery("""
                update applications set executor_id = null, updated_at = now() where executor_id = $1
                returning id, department_id, student_id, status
                """).execute(Tuple.of(executorId))
                .map(rows -> {
                    List<Locked> taken = new ArrayList<>(rows.size());
                    rows.forEach(row -> taken.add(new Locked(row.getLong("id"), row.getLong("department_id"), row.getLong("student_id"),
                            ApplicationStatus.valueOf(row.getString("status")), executorId)));
                    return taken;
                });
    }

    /** How many applications a department or a service has (either may be null). */
    public Uni<Long> count(Long departmentId, Long serviceId) {
        return db.preparedQuery("select count(*) from applications where ($1::bigint is null or department_id = $1)"
                + " and ($2::bigint is null or service_id = $2)").execute(Tuple.of(departmentId, serviceId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static String nameOf(LaunchPrincipal student) {
        return student.name() == null || student.name().isBlank() ? "student " + student.studentId() : student.name();
    }


    private static ApplicationSummary summary(Row row) {
        return new ApplicationSummary(row.getLong("id"), row.getLong("service_id"), row.getString("service_name"),
                row.getLong("department_id"), row.getString("department_name"), row.getLong("student_id"), row.getString("student_name"),
                row.getString("student_email"), row.getString("student_group"), ApplicationStatus.valueOf(row.getString("status")),
                row.getLong("executor_id"), row.getString("executor_name"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
