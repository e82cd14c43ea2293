package edu.campus.sso.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes sure the test database exists on the machine's PostgreSQL (CI recreates it fresh; a developer's
 * `./mvnw verify` creates it on first use). Flyway then migrates it at start.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    static final String NAME = "sso_test";

    @Override
    public Map<String, String> start() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, NAME);
            if (!exists.executeQuery().next()) {
                try (var create = admin.createStatement()) {
                    create.execute("create database " + NAME);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 is needed for the tests", e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
