package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class UserAdminTest extends SsoTestBase {

    @Test
    void onlySsoAdminsUseTheAdminApi() {
        given().get("/api/users").then().statusCode(401).body("error_code", equalTo("unauthorized"));
        String trafficAdmin = login(user("traffic", "admin", null, true), PASSWORD, "traffic").statusCode(200)
                .extract().path("access_token");
        given().header("Authorization", "Bearer " + trafficAdmin).get("/api/users").then().statusCode(403)
                .body("error_code", equalTo("forbidden"));
        String service = given().contentType(ContentType.JSON).body(Map.of("client_id", "traffic", "client_secret", "traffic-test-secret"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
        given().header("Authorization", "Bearer " + service).delete("/api/users/1").then().statusCode(403);
        admin().get("/api/users").then().statusCode(200).body("total", greaterThanOrEqualTo(1));
    }

    @Test
    void passwordsAreTwelveCharactersToSeventyTwoBytes() {
        java.util.function.Function<String, io.restassured.response.ValidatableResponse> create = password -> admin()
                .body(Map.of("username", "pw" + Long.toString(entityId(), 36), "full_name", "Пароль Проверочный", "password", password,
                        "app", "traffic", "role", "admin"))
                .post("/api/users").then();
        create.apply("eleven-char").statusCode(400).body("error_code", equalTo("validation_error"))
                .body("details.fields.password", org.hamcrest.Matchers.containsString("12 characters"));
        // 37 Cyrillic letters are 74 bytes: bcrypt would ignore the last two
        create.apply("я".repeat(37)).statusCode(400).body("details.fields.password", org.hamcrest.Matchers.containsString("72 bytes"));
        String exactly72 = "я".repeat(36);
        String username = create.apply(exactly72).statusCode(201).extract().path("username");
        login(username, exactly72, "traffic").statusCode(200);
        // what bcrypt would not see must not open the account
        login(username, exactly72 + "x", "traffic").statusCode(401);
        admin().body(Map.of("password", "short")).patch("/api/users/1").then().statusCode(400)
                .body("details.fields", org.hamcrest.Matchers.hasKey("password"));
    }

    @Test
    void createWithAGeneratedUsernameThenSignIn() {
        String marker = "Тестовый" + Long.toString(entityId(), 36).replaceAll("[0-9]", "");
        int id = admin().body(Map.of("full_name", marker + " Артём Александрович", "password", "first-password-1",
                "app", "services", "role", "staff", "entity_id", entityId()))
                .post("/api/users").then().statusCode(201)
                .body("username", matchesPattern("testovyy[a-z]*\\.aa[0-9]*")).body("is_active", equalTo(true))
                .body("telegram", nullValue()).extract().path("id");
        String username = admin().get("/api/users/" + id).then().statusCode(200).extract().path("username");
        login(username, "first-password-1", "services").statusCode(200);

        admin().queryParam("username", username).get("/api/users/check-username").then().statusCode(200)
                .body("available", equalTo(false)).body("suggestion", equalTo(username + "2"));
        admin().queryParam("username", "free-" + entityId()).get("/api/users/check-username").then().statusCode(200)
                .body("available", equalTo(true));

        admin().queryParam("app", "services").queryParam("role", "staff").queryParam("q", marker.substring(0, 12))
                .get("/api/users").then().statusCode(200).body("items.id", hasItem(id));
        admin().queryParam("size", 1).get("/api/users").then().statusCode(200).body("items", hasSize(1)).body("size", equalTo(1));
        admin().queryParam("app", "moon").get("/api/users").then().statusCode(400).body("error_code", equalTo("validation_error"));
        admin().queryParam("actor", "user:1").queryParam("action", "user_created").get("/api/users/audit").then().statusCode(200)
                .body("items.target", hasItem("user:" + id));
    }

    @Test
    void createRefusesDuplicatesAndTeachersWithoutEntity() {
        admin().body(Map.of("full_name", "Учитель Без", "app", "traffic", "role", "teacher")).post("/api/users")
                .then().statusCode(422).body("error_code", equalTo("entity_id_required"));
        String taken = user("sso", "staff", null, true);
        admin().body(Map.of("username", taken, "full_name", "Дубль", "app", "sso", "role", "staff")).post("/api/users")
                .then().statusCode(409).body("details.field", equalTo("username"));
    }

    @Test
    void deactivationEndsSignInsAndAPasswordResetWorks() {
        String username = user("traffic", "teacher", entityId(), true);
        String refresh = login(username, PASSWORD, "traffic").statusCode(200).extract().path("refresh_token");
        int id = admin().queryParam("q", username).get("/api/users").then().statusCode(200).extract().path("items[0].id");

        admin().body(Map.of("is_active", false)).patch("/api/users/" + id).then().statusCode(200).body("is_active", equalTo(false));
        refresh(refresh).statusCode(401);
        login(username, PASSWORD, "traffic").statusCode(401).body("error_code", equalTo("unauthorized"));

        admin().body(Map.of("is_active", true, "password", "a-brand-new-password")).patch("/api/users/" + id).then().statusCode(200);
        login(username, PASSWORD, "traffic").statusCode(401);
        login(username, "a-brand-new-password", "traffic").statusCode(200);
    }

    @Test
    void lookupsTelegramLinksAndDelete() {
        long ruz = entityId();
        long telegram = entityId() % 1_000_000_000_000L;
        int id = admin().body(Map.of("full_name", "Поиск Поисков", "app", "traffic", "role", "teacher", "entity_id", entityId(),
                "ruz_teacher_id", ruz)).post("/api/users").then().statusCode(201).extract().path("id");
        admin().queryParam("app", "traffic").get("/api/users/by-ruz-teacher/" + ruz).then().statusCode(200).body("id", equalTo(id));
        admin().get("/api/users/by-telegram/" + telegram).then().statusCode(404).body("error_code", equalTo("not_found"));

        admin().body(Map.of("telegram_id", telegram, "telegram_username", "poisk")).post("/api/users/" + id + "/telegram")
                .then().statusCode(200).body("telegram.telegram_id", equalTo(telegram));
        admin().get("/api/users/by-telegram/" + telegram).then().statusCode(200).body("id", equalTo(id));
        int other = admin().body(Map.of("full_name", "Другой Другов", "app", "sso", "role", "staff")).post("/api/users")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("telegram_id", telegram)).post("/api/users/" + other + "/telegram").then().statusCode(409);
        admin().delete("/api/users/" + id + "/telegram").then().statusCode(204);
        admin().get("/api/users/by-telegram/" + telegram).then().statusCode(404);

        admin().delete("/api/users/" + id).then().statusCode(204);
        admin().get("/api/users/" + id).then().statusCode(404);
        admin().delete("/api/users/" + id).then().statusCode(404);
    }
}
