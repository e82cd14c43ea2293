package edu.campus.sso.client;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.sso.support.SsoTestBase;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;

/** {@code POST /api/auth/token}: internal, throttled per client id and address, and only for configured clients. */
@QuarkusTest
class ClientTokenTest extends SsoTestBase {

    @Inject
    ServiceClients clients;

    private static ValidatableResponse token(String address, String clientId, String secret) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("client_id", clientId, "client_secret", secret)).post("/api/auth/token").then();
    }

    @Test
    void unknownIdsAndWrongSecretsAnswerTheSameAndAreThrottledPerClientAndAddress() {
        token("198.51.100.20", "nobody", "x").statusCode(401).body("message", equalTo("wrong client id or secret"));
        for (int i = 0; i < 5; i++) {
            token("198.51.100.21", "traffic", "wrong-" + i).statusCode(401).body("message", equalTo("wrong client id or secret"));
        }
        token("198.51.100.21", "traffic", "traffic-test-secret").statusCode(429).body("error_code", equalTo("too_many_requests"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"));
        // the service itself, from its own address, is not locked out by someone guessing elsewhere
        token("198.51.100.22", "traffic", "traffic-test-secret").statusCode(200).body("scope", equalTo("provision:traffic"));
    }

    @Test
    void aClientNoLongerConfiguredIsDisabledAtStart() {
        db.preparedQuery("insert into service_clients (client_id, secret_hash, scopes) values ('retired', $1, 'provision:traffic') "
                + "on conflict (client_id) do update set secret_hash = excluded.secret_hash, enabled = true")
                .execute(Tuple.of(BcryptUtil.bcryptHash("retired-secret", 4))).await().indefinitely();
        token("198.51.100.23", "retired", "retired-secret").statusCode(200); // stored and enabled: still answered
        clients.sync(); // what every start does
        token("198.51.100.23", "retired", "retired-secret").statusCode(401);
        token("198.51.100.23", "traffic", "traffic-test-secret").statusCode(200); // configured ones stay
    }

    @Test
    void aStartChecksAnUnchangedSecretByItsFingerprintAndFallsBackToBcrypt() {
        Map<String, ServiceClients.SecretCheck> unchanged = Map.of("traffic", ServiceClients.SecretCheck.UNCHANGED,
                "services", ServiceClients.SecretCheck.UNCHANGED, "bot", ServiceClients.SecretCheck.UNCHANGED);
        clients.sync(); // a start before this test may have been the first with the column
        assertEquals(unchanged, clients.sync());
        String hash = stored("traffic", "secret_hash");
        String fingerprint = stored("traffic", "secret_fingerprint");
        assertTrue(fingerprint.matches("[0-9a-f]{64}"), fingerprint);

        // no fingerprint (rows from before the column): one bcrypt round confirms the secret, the hash stays, the print is back
        db.preparedQuery("update service_clients set secret_fingerprint = null where client_id = 'traffic'").execute().await().indefinitely();
        assertEquals(ServiceClients.SecretCheck.VERIFIED, clients.sync().get("traffic"));
        assertEquals(hash, stored("traffic", "secret_hash"));
        assertEquals(fingerprint, stored("traffic", "secret_fingerprint"));

        // the hash changed behind sso's back (another secret) while the print stayed: the print no longer matches, the
        // configured secret does not match the hash, so it is hashed again and the configured secret works
        db.preparedQuery("update service_clients set secret_hash = $1 where client_id = 'traffic'")
                .execute(Tuple.of(BcryptUtil.bcryptHash("someone-elses-secret", 4))).await().indefinitely();
        assertEquals(ServiceClients.SecretCheck.HASHED, clients.sync().get("traffic"));
        assertTrue(BcryptUtil.matches("traffic-test-secret", stored("traffic", "secret_hash")));
        token("198.51.100.24", "traffic", "someone-elses-secret").statusCode(401);
        token("198.51.100.24", "traffic", "traffic-test-secret").statusCode(200);
        assertEquals(unchanged, clients.sync());
    }

    private String stored(String clientId, String column) {
        return db.preparedQuery("select " + column + " from service_clients where client_id = $1").execute(Tuple.of(clientId))
                .await().indefinitely().iterator().next().getString(0);
    }

    @Test
    void itIsNotInThePublicApiDocument() {
        given().accept("application/json").get("/openapi").then().statusCode(200)
                .body("paths", not(hasKey("/api/auth/token")));
    }
}
