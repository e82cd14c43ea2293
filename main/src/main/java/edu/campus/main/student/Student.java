package edu.campus.main.student;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** A student as main keeps them: our id, the CAS user as the external key, what CAS and the student told us. */
public record Student(long id, String casUser, String fullName, String email, String groupName, Long ruzGroupId, String faculty,
        String recordBookNumber, OffsetDateTime createdAt, OffsetDateTime lastLoginAt) {

    static final String COLUMNS = "id, cas_user, full_name, email, group_name, ruz_group_id, faculty, record_book_number, created_at, last_login_at";

    static Student of(Row row) {
        return new Student(row.getLong("id"), row.getString("cas_user"), row.getString("full_name"), row.getString("email"),
                row.getString("group_name"), row.getLong("ruz_group_id"), row.getString("faculty"), row.getString("record_book_number"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("last_login_at"));
    }

    /** The name a launch token carries: CAS's display name, else the CAS user. */
    public String displayName() {
        return fullName != null ? fullName : casUser;
    }
}
