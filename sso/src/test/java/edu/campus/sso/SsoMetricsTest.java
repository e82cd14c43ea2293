package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The domain metrics count what happened: each assertion is a difference across the action, so other tests do not matter. */
@QuarkusTest
class SsoMetricsTest extends SsoTestBase {

    private static double metric(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + (labels.isEmpty() ? "" : "\\{" + labels + "\\}") + " ([0-9.eE+-]+)$",
                Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void signInsAreCountedByOutcome() {
        String username = user("traffic", "admin", null, true);
        String wrong = "outcome=\"wrong_credentials\",via=\"password\"";
        String success = "outcome=\"success\",via=\"password\"";
        double wrongBefore = metric("sso_sign_ins_total", wrong);
        double successBefore = metric("sso_sign_ins_total", success);
        login(username, "not the password", "traffic").statusCode(401);
        login(username, PASSWORD, "traffic").statusCode(200);
        assertEquals(wrongBefore + 1, metric("sso_sign_ins_total", wrong));
        assertEquals(successBefore + 1, metric("sso_sign_ins_total", success));
    }

    @Test
    void reuseOfARotatedRefreshTokenIsCounted() {
        String username = user("traffic", "admin", null, true);
        String first = login(username, PASSWORD, "traffic").statusCode(200).extract().path("refresh_token");
        double before = metric("sso_refresh_reuse_detected_total", "");
        refresh(first).statusCode(200);
        refresh(first).statusCode(401);
        assertEquals(before + 1, metric("sso_refresh_reuse_detected_total", ""));
    }

    @Test
    void provisioningAndServiceTokensAreCountedByOutcome() {
        String granted = "outcome=\"granted\"";
        String refused = "outcome=\"refused\"";
        double grantedBefore = metric("sso_service_tokens_total", granted);
        double refusedBefore = metric("sso_service_tokens_total", refused);
        given().contentType(ContentType.JSON).body(Map.of("client_id", "traffic", "client_secret", "wrong")).post("/api/auth/token")
                .then().statusCode(401);
        String token = given().contentType(ContentType.JSON).body(Map.of("client_id", "traffic", "client_secret", "traffic-test-secret"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
        assertEquals(grantedBefore + 1, metric("sso_service_tokens_total", granted));
        assertEquals(refusedBefore + 1, metric("sso_service_tokens_total", refused));

        String created = "kind=\"traffic_teacher\",outcome=\"created\"";
        String unchanged = "kind=\"traffic_teacher\",outcome=\"unchanged\"";
        double createdBefore = metric("sso_provisioning_total", created);
        double unchangedBefore = metric("sso_provisioning_total", unchanged);
        Map<String, Object> teacher = Map.of("entity_id", entityId(), "full_name", "Метрикова Мария Ивановна");
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body(teacher)
                    .post("/api/provision/traffic/teachers").then().statusCode(200);
        }
        assertEquals(createdBefore + 1, metric("sso_provisioning_total", created));
        assertEquals(unchangedBefore + 1, metric("sso_provisioning_total", unchanged));
    }
}
