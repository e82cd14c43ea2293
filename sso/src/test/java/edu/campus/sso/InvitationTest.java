package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;

/** People provisioned by a domain service get no password from it: a one-time invitation lets them set their own. */
@QuarkusTest
class InvitationTest extends SsoTestBase {

    static final String NEW_PASSWORD = "my own long passphrase";

    private static String services() {
        return given().contentType(ContentType.JSON).body(Map.of("client_id", "services", "client_secret", "services-test-secret"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
    }

    private static JsonPath provision(String path, long entity, Boolean invite) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("entity_id", entity, "full_name", "Приглашённый Исполнитель"));
        if (invite != null) {
            body.put("invite", invite);
        }
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + services()).body(body)
                .post(path).then().statusCode(200).extract().jsonPath();
    }

    private static ValidatableResponse accept(String code, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("code", code, "password", password))
                .post("/api/auth/invitations/accept").then();
    }

    private long count(String sql, Object... params) {
        return db.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void anExecutorSetsTheirOwnPasswordOnceAndIsSignedIn() {
        long entity = entityId();
        JsonPath account = provision("/api/provision/services/executors", entity, true);
        String code = account.getString("invitation.code");
        assertEquals(32, code.length()); // 192 bits, base64url
        org.hamcrest.MatcherAssert.assertThat(account.getString("invitation.link"), startsWith("https://localhost:8443/invitation/?code=" + code));
        org.hamcrest.MatcherAssert.assertThat(account.getString("invitation.expires_at"), notNullValue());
        long userId = account.getLong("user_id");
        // the code is stored as its hash only, and the account has no password yet
        assertEquals(0, count("select count(*) from invitations where encode(code_hash, 'escape') like $1", "%" + code + "%"));
        assertEquals(1, count("select count(*) from users where id = $1 and password_hash is null", userId));

        accept(code, "short").statusCode(400).body("error_code", equalTo("validation_error"));
        String access = accept(code, NEW_PASSWORD).statusCode(200).body("token_type", equalTo("Bearer")).extract().path("access_token");
        given().header("Authorization", "Bearer " + access).get("/api/auth/me").then().statusCode(200)
                .body("app", equalTo("services")).body("role", equalTo("executor")).body("entity_id", equalTo(entity));
        login(account.getString("username"), NEW_PASSWORD, "services").statusCode(200);
        // once only
        accept(code, "another long passphrase").statusCode(401).body("error_code", equalTo("invitation_invalid"));
        login(account.getString("username"), "another long passphrase", "services").statusCode(401);
        // every step audited
        assertEquals(1, count("select count(*) from audit_log where action = 'invitation_issued' and target = $1", "user:" + userId));
        assertEquals(1, count("select count(*) from audit_log where action = 'invitation_accepted' and target = $1", "user:" + userId));
        // provisioning again with invite: the person has a password, so a domain service gets no code to reset it
        JsonPath again = provision("/api/provision/services/executors", entity, true);
        org.hamcrest.MatcherAssert.assertThat(again.get("invitation"), nullValue());
    }

    @Test
    void reissuingSpendsTheEarlierCodeAndAdminsCanReissue() {
        long entity = entityId();
        String first = provision("/api/provision/services/staff", entity, true).getString("invitation.code");
        JsonPath second = provision("/api/provision/services/staff", entity, true);
        accept(first, NEW_PASSWORD).statusCode(401);
        long userId = second.getLong("user_id");
        String byAdmin = admin().post("/api/users/" + userId + "/invitation").then().statusCode(200)
                .body("code", matchesPattern("[A-Za-z0-9_-]{32}")).extract().path("code");
        accept(second.getString("invitation.code"), NEW_PASSWORD).statusCode(401);
        accept(byAdmin, NEW_PASSWORD).statusCode(200);
        admin().post("/api/users/999999999/invitation").then().statusCode(404);
        // only admins of sso
        given().contentType(ContentType.JSON).post("/api/users/" + userId + "/invitation").then().statusCode(401);
    }

    @Test
    void expiredCodesDeactivatedAccountsAndUnknownCodesAreRefused() {
        JsonPath expired = provision("/api/provision/services/executors", entityId(), true);
        db.preparedQuery("update invitations set expires_at = now() - interval '1 second' where user_id = $1")
                .execute(Tuple.of(expired.getLong("user_id"))).await().indefinitely();
        accept(expired.getString("invitation.code"), NEW_PASSWORD).statusCode(401).body("error_code", equalTo("invitation_invalid"));

        JsonPath inactive = provision("/api/provision/services/executors", entityId(), true);
        db.preparedQuery("update users set is_active = false where id = $1").execute(Tuple.of(inactive.getLong("user_id"))).await().indefinitely();
        accept(inactive.getString("invitation.code"), NEW_PASSWORD).statusCode(401).body("error_code", equalTo("invitation_invalid"));
        assertEquals(1, count("select count(*) from users where id = $1 and password_hash is null", inactive.getLong("user_id")));

        accept("A".repeat(32), NEW_PASSWORD).statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("code", "x".repeat(65), "password", NEW_PASSWORD))
                .post("/api/auth/invitations/accept").then().statusCode(400);
    }

    @Test
    void withoutInviteNoCodeAndTrafficTeachersCanBeInvitedToo() {
        org.hamcrest.MatcherAssert.assertThat(provision("/api/provision/services/executors", entityId(), null).get("invitation"), nullValue());
        String traffic = given().contentType(ContentType.JSON).body(Map.of("client_id", "traffic", "client_secret", "traffic-test-secret"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
        String code = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + traffic)
                .body(Map.of("entity_id", entityId(), "full_name", "Приглашённый Преподаватель", "invite", true))
                .post("/api/provision/traffic/teachers").then().statusCode(200).extract().path("invitation.code");
        accept(code, NEW_PASSWORD).statusCode(200);
        // the batch carries it per item
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + traffic)
                .body(Map.of("teachers", List.of(Map.of("entity_id", entityId(), "full_name", "Пакетный Приглашённый", "invite", true))))
                .post("/api/provision/traffic/teachers/batch").then().statusCode(200)
                .body("results[0].user.invitation.code", matchesPattern("[A-Za-z0-9_-]{32}"));
    }
}
