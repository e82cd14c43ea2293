package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private java.util.List<io.vertx.core.json.JsonObject> events(String type, long userId) {
        java.util.List<io.vertx.core.json.JsonObject> found = new java.util.ArrayList<>();
        db.preparedQuery("select payload::text from outbox where routing_key = $1 and (payload->'data'->>'user_id')::bigint = $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(type, userId)).await().indefinitely()
                .forEach(row -> found.add(new io.vertx.core.json.JsonObject(row.getString(0))));
        return found;
    }

    @Test
    void deactivationDeletionAndTelegramLinksArePublishedWithTheChange() {
        long entity = entityId();
        int id = admin().body(Map.of("full_name", "Событийный Пётр", "password", "first-password-1", "app", "services", "role", "staff",
                "entity_id", entity)).post("/api/users").then().statusCode(201).extract().path("id");
        admin().body(Map.of("full_name", "Событийный Пётр Петрович")).patch("/api/users/" + id).then().statusCode(200);
        assertEquals(0, events("sso.user.deactivated", id).size());
        admin().body(Map.of("is_active", false)).patch("/api/users/" + id).then().statusCode(200);
        admin().body(Map.of("is_active", false)).patch("/api/users/" + id).then().statusCode(200); // already inactive: no second event
        var deactivated = events("sso.user.deactivated", id);
        assertEquals(1, deactivated.size());
        assertEquals(1, deactivated.get(0).getInteger("version"));
        var data = deactivated.get(0).getJsonObject("data");
        assertEquals("services", data.getString("app"));
        assertEquals("staff", data.getString("role"));
        assertEquals(entity, data.getLong("entity_id"));
        assertEquals(deactivated.get(0).getString("id"), db.preparedQuery("select id::text from outbox where routing_key = 'sso.user.deactivated' "
                + "and (payload->'data'->>'user_id')::bigint = $1").execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely()
                .iterator().next().getString(0));

        admin().body(Map.of("is_active", true)).patch("/api/users/" + id).then().statusCode(200);
        assertEquals(1, events("sso.user.activated", id).size());

        long telegram = 5_000_000_000L + entity % 1_000_000_000L;
        admin().body(Map.of("telegram_id", telegram)).post("/api/users/" + id + "/telegram").then().statusCode(200);
        assertEquals(telegram, events("sso.telegram.linked", id).get(0).getJsonObject("data").getLong("telegram_id"));

        admin().delete("/api/users/" + id).then().statusCode(204);
        var deleted = events("sso.user.deleted", id);
        assertEquals(1, deleted.size());
        assertEquals(entity, deleted.get(0).getJsonObject("data").getLong("entity_id"));
        // a refused change publishes nothing: a missing user's patch
        long before = db.query("select count(*) from outbox").execute().await().indefinitely().iterator().next().getLong(0);
        admin().body(Map.of("is_active", false)).patch("/api/users/" + (id + 100000)).then().statusCode(404);
        assertEquals(before, db.query("select count(*) from outbox").execute().await().indefinitely().iterator().next().getLong(0));
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
