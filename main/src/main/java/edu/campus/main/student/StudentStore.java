package edu.campus.main.student;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code students} table. */
@ApplicationScoped
public class StudentStore {

    /** What a CAS sign-in tells about a student; null fields are not known (and never erase what is stored). */
    public record CasProfile(String casUser, String fullName, String email, String groupName, String faculty, String recordBookNumber) {
    }

    private final Pool db;

    StudentStore(Pool db) {
        this.db = db;
    }

    /** Creates the student of a CAS user or refreshes what CAS tells about them; one statement, safe under concurrent sign-ins. */
    public Uni<Student> signedIn(CasProfile profile) {
        return db.preparedQuery("""
                insert into students (cas_user, full_name, email, group_name, faculty, record_book_number, last_login_at)
                values ($1, $2, $3, $4, $5, $6, now())
                on conflict (cas_user) do update set
                    full_name = coalesce(excluded.full_name, students.full_name),
                    email = coalesce(excluded.email, students.email),
                    group_name = coalesce(excluded.group_name, students.group_name),
                    ruz_group_id = case when excluded.group_name is null or excluded.group_name = students.group_name
                                        then students.ruz_group_id end,
                    faculty = coalesce(excluded.faculty, students.faculty),
                    record_book_number = coalesce(excluded.record_book_number, students.record_book_number),
                    last_login_at = now(), updated_at = now()
                returning\s""" + Student.COLUMNS)
                .execute(Tuple.from(new Object[] { profile.casUser(), profile.fullName(), profile.email(), profile.groupName(),
                        profile.faculty(), profile.recordBookNumber() }))
                .map(rows -> Student.of(rows.iterator().next()));
    }

    public Uni<Student> byId(long id) {
        return db.preparedQuery("select " + Student.COLUMNS + " from students where id = $1").execute(Tuple.of(id)).map(StudentStore::one);
    }

    /** Sets the study group (resolved in RUZ through schedule); the student as it is now, or null when gone. */
    public Uni<Student> setGroup(long id, String groupName, String faculty, long ruzGroupId) {
        return db.preparedQuery("update students set group_name = $2, faculty = $3, ruz_group_id = $4, updated_at = now() where id = $1 returning "
                + Student.COLUMNS).execute(Tuple.of(id, groupName, faculty, ruzGroupId)).map(StudentStore::one);
    }

    /** Remembers the RUZ id of the student's current group (resolved once); only while the group is still that one. */
    public Uni<Void> rememberRuzGroup(long id, String groupName, long ruzGroupId) {
        return db.preparedQuery("update students set ruz_group_id = $3 where id = $1 and group_name = $2")
                .execute(Tuple.of(id, groupName, ruzGroupId)).replaceWithVoid();
    }

    public Uni<Void> setRecordBookNumber(long id, String number) {
        return db.preparedQuery("update students set record_book_number = $2, updated_at = now() where id = $1")
                .execute(Tuple.of(id, number)).replaceWithVoid();
    }

    private static Student one(RowSet<io.vertx.mutiny.sqlclient.Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Student.of(it.next()) : null;
    }
}
