package edu.campus.common.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes sure a service's test database exists on the machine's PostgreSQL (CI recreates it fresh; a developer's
 * {@code ./mvnw verify} creates it on first use); Flyway then migrates it at start. Name it with the init arg
 * {@code name}: {@code @WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "x_test"))}.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private String name;

    @Override
    public void init(Map<String, String> initArgs) {
        name = initArgs.get("name");
        if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("TestDatabase needs a plain database name, not " + name);
        }
    }

    @Override
    public Map<String, String> start() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var exists = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                try (var create = admin.createStatement()) {
                    create.execute("create database " + name);
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
