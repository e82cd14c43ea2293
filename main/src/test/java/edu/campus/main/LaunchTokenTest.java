package edu.campus.main;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import edu.campus.common.error.ApiException;
import edu.campus.common.launch.LaunchPrincipal;
import edu.campus.common.launch.LaunchTokenVerifier;
import edu.campus.common.token.KeySet;
import edu.campus.main.support.MainTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** main's launch tokens, verified the way traffic and services verify them: common-launch's LaunchTokenVerifier fed by main's JWKS URL. */
@QuarkusTest
class LaunchTokenTest extends MainTestBase {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** A verifier as in traffic (audience {@code app}), reading main's JWKS over HTTP. */
    private LaunchTokenVerifier verifierFor(String app) {
        String url = "http://localhost:" + port + "/api/main/.well-known/jwks.json";
        KeySet keys = new KeySet("main", () -> Uni.createFrom().item(() -> given().get(url).then().statusCode(200).extract().asString()),
                Duration.ofMinutes(5), System::currentTimeMillis);
        return new LaunchTokenVerifier(List.of(), "campus-main", app, keys);
    }

    private static String launch(Map<String, String> session, String app) {
        return as(session).post("/api/main/miniapps/" + app + "/launch").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).body("expires_in", equalTo(600)).body("app", equalTo(app))
                .extract().path("launch_token");
    }

    @Test
    void theRegistryListsTheMiniApps() {
        given().get("/api/main/miniapps").then().statusCode(200)
                .body("miniapps.id", hasItems("services", "traffic"))
                .body("miniapps.find { it.id == 'traffic' }.url", equalTo("/traffic/"));
    }

    @Test
    void aTrafficTokenVerifiesInTrafficAndNotInServices() {
        Map<String, String> session = signIn(casUser(), Map.of("cn", List.of("Анна Петрова")));
        String token = launch(session, "traffic");
        LaunchPrincipal student = verifierFor("traffic").verify(token).await().indefinitely();
        assertEquals(Long.parseLong(session.get("student_id")), student.studentId());
        assertEquals("Анна Петрова", student.name());
        ApiException refused = assertThrows(ApiException.class, () -> verifierFor("services").verify(token).await().indefinitely());
        assertEquals("launch token is for another app", refused.getMessage());
        // a services token is refused by traffic, and main's own access token is no launch token for anyone
        String services = launch(session, "services");
        assertThrows(ApiException.class, () -> verifierFor("traffic").verify(services).await().indefinitely());
        assertThrows(ApiException.class, () -> verifierFor("traffic").verify(session.get("access_token")).await().indefinitely());
        // and a launch token is not a session at main
        given().header("Authorization", "Bearer " + token).get("/api/main/me").then().statusCode(401);
    }

    @Test
    void anExpiredTokenSignedWithMainsKeyIsRefused() throws Exception {
        Map<String, String> session = signIn();
        String pem = Files.readString(Path.of("target/test-keys/private.pem"));
        var key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(
                pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        String kid = given().get("/api/main/.well-known/jwks.json").then().statusCode(200).extract().path("keys[0].kid");
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("campus-main");
        claims.setAudience("traffic");
        claims.setSubject(session.get("student_id"));
        claims.setExpirationTime(NumericDate.fromSeconds(System.currentTimeMillis() / 1000 - 120));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        ApiException refused = assertThrows(ApiException.class, () -> verifierFor("traffic").verify(jws.getCompactSerialization()).await().indefinitely());
        assertEquals("launch token expired", refused.getMessage());
    }

    @Test
    void unknownAppsAndMainItselfAre404s() {
        Map<String, String> session = signIn();
        as(session).post("/api/main/miniapps/nope/launch").then().statusCode(404).body("error_code", equalTo("not_found"));
        as(session).post("/api/main/miniapps/main/launch").then().statusCode(404);
    }

    @Test
    void signInsAndLaunchesAreCounted() {
        launch(signIn(), "traffic");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("main_sign_ins_total{outcome=\"success\",via=\"cas\"}"), "sign-ins counted");
        assertTrue(metrics.contains("main_launch_tokens_total{app=\"traffic\"}"), "launches counted");
    }

    @Test
    void theJwksPublishesTheKeyByItsThumbprint() {
        var keys = given().get("/api/main/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", "public, max-age=300")
                .body("keys[0].alg", equalTo("RS256")).body("keys[0].kty", equalTo("RSA")).extract().jsonPath();
        assertTrue(keys.getString("keys[0].kid").matches("[A-Za-z0-9_-]{43}"));
    }
}
