package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.sso.auth.Tokens;
import edu.campus.sso.keys.SigningKeys;
import edu.campus.sso.support.BadTokens;
import edu.campus.sso.support.SsoTestBase;
import edu.campus.sso.user.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;

/** common's local verification (@RequireUser, @RequireScope, the key cache), as traffic and services will use it; inside sso the keys come in process, in other services from JwksClient over HTTP. */
@QuarkusTest
class ConsumerVerificationTest extends SsoTestBase {

    @Inject
    Tokens tokens;

    @Inject
    SigningKeys keys;

    String serviceToken(String client, String secret) {
        return given().contentType(ContentType.JSON).body(Map.of("client_id", client, "client_secret", secret))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
    }

    @Inject
    edu.campus.common.auth.JwksClient jwksOverHttp;

    @Test
    void consumersFetchThePublishedKeysOverHttp() {
        String jwks = jwksOverHttp.jwks().await().atMost(java.time.Duration.ofSeconds(10));
        org.junit.jupiter.api.Assertions.assertTrue(jwks.contains("\"kid\":\"" + keys.keyId() + "\""), jwks);
        org.junit.jupiter.api.Assertions.assertFalse(jwks.contains("\"d\""), "no private parts");
    }

    @Test
    void theRightUserAndTheRightServiceGetIn() {
        long entity = entityId();
        String teacher = user("traffic", "teacher", entity, true);
        String access = login(teacher, PASSWORD, "traffic").statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + access).get("/test/protected/teacher").then().statusCode(200)
                .body("username", equalTo(teacher)).body("role", equalTo("teacher")).body("entity_id", equalTo(entity));
        given().header("Authorization", "Bearer " + serviceToken("traffic", "traffic-test-secret"))
                .get("/test/protected/provision").then().statusCode(200).body("client_id", equalTo("traffic"));
        given().get("/test/protected/open").then().statusCode(200);
    }

    @Test
    void theAuthMatrix() throws Exception {
        given().get("/test/protected/teacher").then().statusCode(401).body("error_code", equalTo("unauthorized"));
        given().header("Authorization", "Bearer x.y.z").get("/test/protected/teacher").then().statusCode(401);
        given().header("Authorization", "Token abc").get("/test/protected/teacher").then().statusCode(401);

        given().header("Authorization", "Bearer " + BadTokens.expired(tokens, User.App.traffic, User.Role.teacher))
                .get("/test/protected/teacher").then().statusCode(401).body("message", equalTo("token expired"));
        given().header("Authorization", "Bearer " + BadTokens.forged(keys)).get("/test/protected/teacher").then().statusCode(401);
        String unknownKid = Jwt.issuer("campus-sso").subject("99").claim("app", "traffic").claim("role", "teacher")
                .expiresIn(600).jws().keyId("not-a-key-of-ours").sign(BadTokens.strangerKey());
        given().header("Authorization", "Bearer " + unknownKid).get("/test/protected/teacher").then().statusCode(401);

        // valid tokens, wrong app, role or kind → 403
        String trafficAdmin = login(user("traffic", "admin", null, true), PASSWORD, "traffic").statusCode(200)
                .extract().path("access_token");
        given().header("Authorization", "Bearer " + trafficAdmin).get("/test/protected/teacher").then().statusCode(200);
        String staff = login(user("services", "staff", entityId(), true), PASSWORD, "services").statusCode(200)
                .extract().path("access_token");
        given().header("Authorization", "Bearer " + staff).get("/test/protected/teacher").then().statusCode(403)
                .body("error_code", equalTo("forbidden"));
        given().header("Authorization", "Bearer " + staff).get("/test/protected/provision").then().statusCode(403);
        String services = serviceToken("services", "services-test-secret");
        given().header("Authorization", "Bearer " + services).get("/test/protected/provision").then().statusCode(403);
        given().header("Authorization", "Bearer " + services).get("/test/protected/teacher").then().statusCode(403);
    }
}
