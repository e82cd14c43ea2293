package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import edu.campus.sso.auth.Tokens;
import edu.campus.sso.keys.SigningKeys;
import edu.campus.sso.support.BadTokens;
import edu.campus.sso.support.SsoTestBase;
import edu.campus.sso.user.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class AuthTest extends SsoTestBase {

    @Inject
    Tokens tokens;

    @Inject
    SigningKeys keys;

    @Test
    void theBootstrapAdminSignsInAndTheTokenVerifiesAgainstThePublishedJwks() throws Exception {
        JsonPath pair = login("root", "bootstrap-secret-1", "sso").statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900))
                .extract().jsonPath();
        String access = pair.getString("access_token");

        JsonPath jwks = given().get("/api/auth/jwks").then().statusCode(200)
                .header("Cache-Control", "public, max-age=300")
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"))
                .body("keys[0]", not(hasKey("d")))
                .extract().jsonPath();
        PublicKey published = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwks.getString("keys[0].n"))),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwks.getString("keys[0].e")))));
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(published).setExpectedIssuer("campus-sso")
                .setSkipDefaultAudienceValidation().build().processToClaims(access);
        assertEquals("root", claims.getClaimValue("username"));
        assertEquals("sso", claims.getClaimValue("app"));
        assertEquals("admin", claims.getClaimValue("role"));
        assertEquals("Administrator", claims.getClaimValue("full_name"));
        assertEquals(List.of("sso:admin"), claims.getStringListClaimValue("groups"));
        assertEquals(jwks.getString("keys[0].kid"), new org.jose4j.jws.JsonWebSignature() {
            {
                setCompactSerialization(access);
            }
        }.getKeyIdHeaderValue());

        given().header("Authorization", "Bearer " + access).get("/api/auth/me").then().statusCode(200)
                .body("username", equalTo("root")).body("app", equalTo("sso")).body("role", equalTo("admin"));
    }

    @Test
    void meRefusesEveryBadTokenWith401InTheErrorFormat() throws Exception {
        given().get("/api/auth/me").then().statusCode(401).body("error_code", equalTo("unauthorized"));
        given().header("Authorization", "Bearer not.a.jwt").get("/api/auth/me").then().statusCode(401)
                .body("error_code", equalTo("unauthorized"));
        given().header("Authorization", "Basic cm9vdDpyb290").get("/api/auth/me").then().statusCode(401);

        given().header("Authorization", "Bearer " + BadTokens.expired(tokens, User.App.sso, User.Role.admin))
                .get("/api/auth/me").then().statusCode(401).body("message", equalTo("token expired"));

        // same kid and claims, signed by a key that is not ours
        given().header("Authorization", "Bearer " + BadTokens.forged(keys)).get("/api/auth/me").then().statusCode(401)
                .body("message", equalTo("token is not valid"));

        // our key, but an HMAC token cannot pass as ours (algorithm pinned to RS256)
        String hmac = Jwt.issuer("campus-sso").subject("1").claim("app", "sso").claim("role", "admin")
                .expiresIn(600).jws().keyId(keys.keyId()).signWithSecret("a-secret-that-is-long-enough-for-hs256-0123456789");
        given().header("Authorization", "Bearer " + hmac).get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void wrongPasswordUnknownUserAndWrongAppAllAnswerTheSame401() {
        String username = user("traffic", "admin", null, true);
        for (var attempt : List.of(List.of(username, "wrong", "traffic"), List.of("nobody-here", PASSWORD, "traffic"),
                List.of(username, PASSWORD, "services"))) {
            login(attempt.get(0), attempt.get(1), attempt.get(2)).statusCode(401)
                    .body("error_code", equalTo("unauthorized"))
                    .body("message", equalTo("wrong username, password or app"));
        }
        login(username, PASSWORD, "traffic").statusCode(200).body("access_token", startsWith("ey"));
    }

    @Test
    void aDeactivatedAccountCannotSignIn() {
        String username = user("services", "staff", entityId(), false);
        login(username, PASSWORD, "services").statusCode(401).body("error_code", equalTo("unauthorized"));
    }

    @Test
    void loginValidatesItsBody() {
        given().contentType(ContentType.JSON).body(Map.of("username", "", "app", "sso")).post("/api/auth/login")
                .then().statusCode(400).body("error_code", equalTo("validation_error"))
                .body("details.fields", hasKey("username")).body("details.fields", hasKey("password"));
        given().contentType(ContentType.JSON).body(Map.of("username", "a", "password", "b", "app", "moon"))
                .post("/api/auth/login").then().statusCode(400).body("details.fields", hasKey("app"));
        given().contentType(ContentType.JSON).body("{not json").post("/api/auth/login")
                .then().statusCode(400).body("error_code", equalTo("bad_request"));
    }

    @Test
    void refreshRotatesAndAReusedTokenRevokesTheWholeSignIn() {
        String username = user("traffic", "teacher", entityId(), true);
        String first = login(username, PASSWORD, "traffic").statusCode(200).extract().path("refresh_token");

        JsonPath rotated = refresh(first).statusCode(200).extract().jsonPath();
        String second = rotated.getString("refresh_token");
        assertNotEquals(first, second);
        assertTrue(rotated.getString("access_token").startsWith("ey"));

        // the first token again: someone has a copy; the family (first, second) is revoked
        refresh(first).statusCode(401).body("error_code", equalTo("refresh_token_reused"));
        refresh(second).statusCode(401).body("error_code", equalTo("unauthorized"));

        List<Row> rows = rowsOfFamilyOf(second);
        assertEquals(2, rows.size());
        rows.forEach(row -> assertTrue(row.getValue("revoked_at") != null, "revoked"));
        Long reuses = db.preparedQuery("select count(*) from audit_log where action = 'refresh_reuse_detected' and actor = $1")
                .execute(Tuple.of("user:" + rows.get(0).getLong("user_id"))).await().indefinitely()
                .iterator().next().getLong(0);
        assertEquals(1L, reuses);
    }

    @Test
    void refreshTokensAreStoredOnlyAsTheirHash() {
        String username = user("sso", "admin", null, true);
        String refreshToken = login(username, PASSWORD, "sso").statusCode(200).extract().path("refresh_token");
        List<Row> rows = rowsOfFamilyOf(refreshToken);
        assertEquals(1, rows.size());
        assertArrayEquals(Tokens.hash(refreshToken), rows.get(0).getBuffer("token_hash").getBytes());
        String passwordHash = db.preparedQuery("select password_hash from users where username = $1")
                .execute(Tuple.of(username)).await().indefinitely().iterator().next().getString(0);
        assertTrue(passwordHash.startsWith("$2"), "bcrypt");
    }

    @Test
    void logoutEndsTheSignIn() {
        String username = user("services", "executor", entityId(), true);
        String refreshToken = login(username, PASSWORD, "services").statusCode(200).extract().path("refresh_token");
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", refreshToken)).post("/api/auth/logout")
                .then().statusCode(204);
        refresh(refreshToken).statusCode(401);
        // unknown tokens are fine to log out (idempotent)
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", "unknown")).post("/api/auth/logout")
                .then().statusCode(204);
    }

    @Test
    void repeatedFailuresAreThrottledPerUsernameEvenWithTheRightPasswordAfterwards() {
        String username = user("traffic", "admin", null, true);
        for (int i = 0; i < 5; i++) {
            login(username, "wrong-" + i, "traffic").statusCode(401);
        }
        login(username, PASSWORD, "traffic").statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .body("error_code", equalTo("too_many_requests"));
        // another account from the same address is not blocked by this one's failures
        String other = user("traffic", "admin", null, true);
        login(other, PASSWORD, "traffic").statusCode(200);

        Long failures = db.preparedQuery("select count(*) from audit_log where action = 'login_failed' and actor = $1")
                .execute(Tuple.of(username)).await().indefinitely().iterator().next().getLong(0);
        assertEquals(5L, failures);
    }

    private List<Row> rowsOfFamilyOf(String refreshToken) {
        var rows = db.preparedQuery("select * from refresh_tokens where family_id = "
                + "(select family_id from refresh_tokens where token_hash = $1) order by id")
                .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(Tokens.hash(refreshToken))))
                .await().indefinitely();
        List<Row> out = new java.util.ArrayList<>();
        rows.forEach(out::add);
        return out;
    }
}
