package edu.campus.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ProvisionTest extends SsoTestBase {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    String serviceToken(String client, String secret) {
        return given().contentType(ContentType.JSON).body(Map.of("client_id", client, "client_secret", secret))
                .post("/api/auth/token").then().statusCode(200)
                .body("token_type", equalTo("Bearer")).extract().path("access_token");
    }

    String traffic() {
        return serviceToken("traffic", "traffic-test-secret");
    }

    ValidatableResponse upsert(String token, Map<String, Object> body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post("/api/provision/traffic/teachers").then();
    }

    long rows(String sql, Object... params) {
        return db.preparedQuery(sql).execute(Tuple.from(params)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void clientCredentialsGiveAServiceTokenWithTheClientsScopes() {
        given().contentType(ContentType.JSON).body(Map.of("client_id", "traffic", "client_secret", "traffic-test-secret"))
                .post("/api/auth/token").then().statusCode(200).body("scope", equalTo("provision:traffic"));
        for (var wrong : List.of(Map.of("client_id", "traffic", "client_secret", "nope"),
                Map.of("client_id", "stranger", "client_secret", "traffic-test-secret"))) {
            given().contentType(ContentType.JSON).body(wrong).post("/api/auth/token").then().statusCode(401)
                    .body("error_code", equalTo("unauthorized"));
        }
    }

    @Test
    void provisioningRefusesEveryoneButAServiceWithTheScope() {
        long entity = entityId();
        Map<String, Object> body = Map.of("entity_id", entity, "full_name", "Иванов Иван Иванович");
        upsert(null, body).statusCode(401).body("error_code", equalTo("unauthorized"));
        upsert("garbage", body).statusCode(401);
        String adminToken = login("root", "bootstrap-secret-1", "sso").statusCode(200).extract().path("access_token");
        upsert(adminToken, body).statusCode(403).body("error_code", equalTo("forbidden"));
        upsert(serviceToken("services", "services-test-secret"), body).statusCode(403)
                .body("details.scope", equalTo("provision:traffic"));
        upsert(serviceToken("bot", "bot-test-secret"), body).statusCode(403);
        assertEquals(0, rows("select count(*) from users where entity_id = $1", entity));
    }

    @Test
    void aTeacherIsCreatedOnceAndUpdatedInPlace() {
        String token = traffic();
        long entity = entityId();
        long ruz = entityId();
        Map<String, Object> body = Map.of("entity_id", entity, "full_name", "Ёлкин Пётр Ильич", "ruz_teacher_id", ruz);
        int userId = upsert(token, body).statusCode(200)
                .body("username", org.hamcrest.Matchers.startsWith("elkin.pi"))
                .body("app", equalTo("traffic")).body("role", equalTo("teacher"))
                .body("entity_id", equalTo(entity)).body("ruz_teacher_id", equalTo(ruz))
                .extract().path("user_id");
        upsert(token, body).statusCode(200).body("user_id", equalTo(userId));
        upsert(token, Map.of("entity_id", entity, "full_name", "Ёлкин Пётр Ильич-Новый")).statusCode(200)
                .body("user_id", equalTo(userId)).body("full_name", equalTo("Ёлкин Пётр Ильич-Новый"))
                .body("ruz_teacher_id", equalTo(ruz));
        assertEquals(1, rows("select count(*) from users where app = 'traffic' and role = 'teacher' and entity_id = $1", entity));
        assertEquals(2, rows("select count(*) from audit_log where target = $1 and actor = 'client:traffic'", "user:" + userId));
    }

    @Test
    void provisioningNeverReactivatesAnAccountAnAdminDeactivated() {
        String token = traffic();
        long entity = entityId();
        int userId = upsert(token, Map.of("entity_id", entity, "full_name", "Отключённый Учитель")).statusCode(200).extract().path("user_id");
        admin().body(Map.of("is_active", false)).patch("/api/users/" + userId).then().statusCode(200).body("is_active", equalTo(false));
        // the next sync sends the same teacher, renamed: the name follows, the deactivation stays
        upsert(token, Map.of("entity_id", entity, "full_name", "Отключённый Учитель-Переименованный")).statusCode(200)
                .body("user_id", equalTo(userId));
        assertEquals(1, rows("select count(*) from users where id = $1 and not is_active and full_name like '%Переименованный'",
                (long) userId));
    }

    @Test
    void fiftyConcurrentIdenticalUpsertsLeaveOneRowAndAnswerTheSame() throws Exception {
        String token = traffic();
        long entity = entityId();
        String json = "{\"entity_id\":" + entity + ",\"full_name\":\"Параллельный Тест Тестович\"}";
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/provision/traffic/teachers"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> bodies = new HashSet<>();
        for (var call : calls) {
            HttpResponse<String> response = call.get();
            assertEquals(200, response.statusCode(), response.body());
            bodies.add(response.body());
        }
        assertEquals(1, bodies.size(), "every answer is the same: " + bodies);
        assertEquals(1, rows("select count(*) from users where entity_id = $1", entity));
    }

    @Test
    void aTeacherWithoutEntityIdIsRefusedWith422() {
        String token = traffic();
        upsert(token, Map.of("full_name", "Без Сущности")).statusCode(422)
                .body("error_code", equalTo("entity_id_required"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("teachers", List.of(Map.of("entity_id", entityId(), "full_name", "Есть Сущность"),
                        Map.of("full_name", "Нет Сущности"))))
                .post("/api/provision/traffic/teachers/batch").then().statusCode(422)
                .body("details.fields", hasKey("teachers[1].entity_id"));
        // and the database itself refuses one, whoever tries
        assertThrows(Exception.class, () -> db.query(
                "insert into users (username, full_name, app, role) values ('x" + entityId() + "', 'x', 'traffic', 'teacher')")
                .execute().await().indefinitely());
    }

    @Test
    void aRuzTeacherIdOfAnotherEntityIsAConflict() {
        String token = traffic();
        long ruz = entityId();
        upsert(token, Map.of("entity_id", entityId(), "full_name", "Первый Первый", "ruz_teacher_id", ruz)).statusCode(200);
        upsert(token, Map.of("entity_id", entityId(), "full_name", "Второй Второй", "ruz_teacher_id", ruz)).statusCode(409)
                .body("error_code", equalTo("conflict")).body("details.ruz_teacher_id", equalTo(ruz));
    }

    @Test
    void sameNamesGetNumberedUsernames() {
        String token = traffic();
        String surname = "Однофамилец" + Long.toString(entityId(), 36).replaceAll("[0-9]", "");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            names.add(upsert(token, Map.of("entity_id", entityId(), "full_name", surname + " Анна Борисовна"))
                    .statusCode(200).extract().path("username"));
        }
        String base = names.get(0);
        assertEquals(List.of(base, base + "2", base + "3"), names);
    }

    @Test
    void aBatchAnswersPerItemInOrder() {
        String token = traffic();
        long taken = entityId();
        upsert(token, Map.of("entity_id", entityId(), "full_name", "Занят Рузид", "ruz_teacher_id", taken)).statusCode(200);
        long a = entityId();
        long b = entityId();
        long c = entityId();
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("teachers", List.of(Map.of("entity_id", a, "full_name", "Альфа Альфа"),
                        Map.of("entity_id", b, "full_name", "Бета Бета", "ruz_teacher_id", taken),
                        Map.of("entity_id", c, "full_name", "Гамма Гамма"))))
                .post("/api/provision/traffic/teachers/batch").then().statusCode(200)
                .body("ok", equalTo(2)).body("failed", equalTo(1))
                .body("results.entity_id", org.hamcrest.Matchers.contains(a, b, c))
                .body("results[0].user.username", org.hamcrest.Matchers.matchesPattern("alfa\\.a[0-9]*")).body("results[0].error", nullValue())
                .body("results[1].user", nullValue()).body("results[1].error.error_code", equalTo("conflict"));
    }

    @Test
    void deletingATeacherIsIdempotent() {
        String token = traffic();
        long entity = entityId();
        upsert(token, Map.of("entity_id", entity, "full_name", "Удаляемый Учитель")).statusCode(200);
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + token).delete("/api/provision/traffic/teachers/" + entity)
                    .then().statusCode(204);
        }
        assertEquals(0, rows("select count(*) from users where entity_id = $1", entity));
        // one sso.user.deleted for the first delete (the second found nothing), with the entity traffic knows it by
        assertEquals(1, rows("select count(*) from outbox where routing_key = 'sso.user.deleted' and payload->'data'->>'app' = 'traffic'"
                + " and payload->'data'->>'role' = 'teacher' and (payload->'data'->>'entity_id')::bigint = $1", entity));
    }

    @Test
    void servicesStaffAndExecutorsNeedTheServicesScope() {
        String services = serviceToken("services", "services-test-secret");
        long staff = entityId();
        long executor = entityId();
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + services)
                .body(Map.of("entity_id", staff, "full_name", "Сотрудник Деканата")).post("/api/provision/services/staff")
                .then().statusCode(200).body("app", equalTo("services")).body("role", equalTo("staff"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + services)
                .body(Map.of("entity_id", executor, "full_name", "Исполнитель Заявок")).post("/api/provision/services/executors")
                .then().statusCode(200).body("role", equalTo("executor"));
        // traffic's token cannot touch services accounts, and only teachers carry a RUZ id
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + traffic())
                .body(Map.of("entity_id", entityId(), "full_name", "Чужой Клиент")).post("/api/provision/services/staff")
                .then().statusCode(403);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + services)
                .body(Map.of("entity_id", entityId(), "full_name", "С Рузид", "ruz_teacher_id", 5)).post("/api/provision/services/staff")
                .then().statusCode(400).body("details.fields", hasKey("ruz_teacher_id"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + services)
                .body(Map.of("full_name", "Без Сущности")).post("/api/provision/services/executors")
                .then().statusCode(422).body("error_code", equalTo("entity_id_required"));
        given().header("Authorization", "Bearer " + services).delete("/api/provision/services/staff/" + staff).then().statusCode(204);
        given().header("Authorization", "Bearer " + services).delete("/api/provision/services/executors/" + executor).then().statusCode(204);
        assertEquals(0, rows("select count(*) from users where app = 'services' and entity_id in ($1, $2)", staff, executor));
    }

    @Test
    void trafficGetsATeachersTelegramDeepLink() {
        String token = traffic();
        long entity = entityId();
        upsert(token, Map.of("entity_id", entity, "full_name", "Телеграм Учитель")).statusCode(200);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token).body(Map.of("entity_id", entity))
                .post("/api/provision/traffic/teacher-link-telegram").then().statusCode(200)
                .body("deep_link", org.hamcrest.Matchers.startsWith("https://t.me/campus_test_bot?start="));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token).body(Map.of("entity_id", entityId()))
                .post("/api/provision/traffic/teacher-link-telegram").then().statusCode(404).body("error_code", equalTo("not_found"));
    }
}
