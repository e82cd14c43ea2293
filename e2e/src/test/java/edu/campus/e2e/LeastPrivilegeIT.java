package edu.campus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The services run as their databases' app roles (read and write), not as the owners that migrated them: what compose and
 * Kubernetes do, and what the runner does for this suite (./campus up --least-privilege).
 */
class LeastPrivilegeIT {

    private static final String[] SERVICES = { "sso", "traffic", "services", "main", "bot" };

    @Test
    void everyServiceIsConnectedAsItsAppRoleOnly() throws SQLException {
        Map<String, Set<String>> users = new HashMap<>();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement query = admin.createStatement();
                ResultSet rows = query.executeQuery("select datname, usename from pg_stat_activity "
                        + "where datname like 'e2e\\_%' and backend_type = 'client backend'")) {
            while (rows.next()) {
                users.computeIfAbsent(rows.getString(1), db -> new HashSet<>()).add(rows.getString(2));
            }
        }
        for (String service : SERVICES) {
            assertEquals(Set.of("e2e_" + service + "_app"), users.get("e2e_" + service), service + "'s connections");
        }
    }

    @Test
    void anAppRoleReadsAndWritesButCannotChangeTheSchema() throws SQLException {
        for (String service : SERVICES) {
            try (Connection app = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/e2e_" + service, "e2e_" + service + "_app",
                    Platform.read("db/" + service + "-app-password")); Statement sql = app.createStatement()) {
                try (ResultSet history = sql.executeQuery("select count(*) from flyway_schema_history where success")) {
                    assertTrue(history.next() && history.getInt(1) > 0, service + ": migrated");
                }
                SQLException refused = assertThrows(SQLException.class, () -> sql.execute("create table intruder (id int)"), service);
                assertEquals("42501", refused.getSQLState(), service + ": " + refused.getMessage()); // insufficient_privilege
                String table = firstTable(sql);
                assertFalse(table == null || table.isEmpty(), service + ": a table of its own to try");
                // only the owner may drop or alter a table: insufficient_privilege, not "no such table"
                SQLException drop = assertThrows(SQLException.class, () -> sql.execute("drop table " + table), service);
                assertEquals("42501", drop.getSQLState(), service + ": " + drop.getMessage());
                SQLException alter = assertThrows(SQLException.class, () -> sql.execute("alter table " + table + " add column intruder int"), service);
                assertEquals("42501", alter.getSQLState(), service + ": " + alter.getMessage());
            }
        }
    }

    private static String firstTable(Statement sql) throws SQLException {
        try (ResultSet tables = sql.executeQuery("select tablename from pg_tables where schemaname = 'public' "
                + "and tablename <> 'flyway_schema_history' order by tablename limit 1")) {
            return tables.next() ? tables.getString(1) : null;
        }
    }
}
