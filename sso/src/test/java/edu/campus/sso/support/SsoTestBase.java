package edu.campus.sso.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import io.quarkus.elytron.security.common.BcryptUtil;
import edu.campus.common.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "sso_test"))
public abstract class SsoTestBase {

    public static final String PASSWORD = "correct horse battery staple";

    @Inject
    protected Pool db;

    @BeforeEach
    void clearThrottle() {
        // every test signs in from 127.0.0.1: counts from earlier cases must not block later ones
        db.query("delete from login_failures").execute().await().indefinitely();
        db.query("delete from login_known_addresses").execute().await().indefinitely();
    }

    /** An entity id no earlier run has used (the test database outlives runs on a developer's machine). */
    protected static long entityId() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    /** A fresh user straight in the database; returns its username. */
    protected String user(String app, String role, Long entityId, boolean active) {
        String username = "u" + UUID.randomUUID().toString().substring(0, 12);
        db.preparedQuery("insert into users (username, password_hash, full_name, app, role, entity_id, is_active) "
                + "values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] { username, BcryptUtil.bcryptHash(PASSWORD, 4), "Test User " + username,
                        app, role, entityId, active }))
                .await().indefinitely();
        return username;
    }

    protected ValidatableResponse login(String username, String password, String app) {
        return loginFrom(null, username, password, app);
    }

    /**
     * A sign-in as the gateway forwards it: from {@code address} in X-Forwarded-For (the tests' own address, 127.0.0.1,
     * is a trusted proxy in the test profile as the gateway is in production); null: no header.
     */
    protected ValidatableResponse loginFrom(String address, String username, String password, String app) {
        RequestSpecification request = given();
        if (address != null) {
            request = request.header("X-Forwarded-For", address);
        }
        return request.contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "app", app))
                .when().post("/api/auth/login").then();
    }

    /** A request as the bootstrap admin of the test profile (app sso). */
    protected RequestSpecification admin() {
        String token = login("root", "bootstrap-secret-1", "sso").statusCode(200).extract().path("access_token");
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    protected ValidatableResponse refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken))
                .when().post("/api/auth/refresh").then();
    }
}
