package edu.campus.services;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.services.support.ServicesTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** Departments and their services: what students see, what staff keep, and what may be deleted (nothing orphaned). */
@QuarkusTest
class CatalogTest extends ServicesTestBase {

    @Test
    void studentsSeeActiveDepartmentsWithActiveServicesInOrder() {
        long dept = department("Деканат");
        long archived = department("Старый отдел");
        jsonAs(admin()).body(Map.of("name", "Старый отдел", "active", false)).put("/api/services/admin/departments/" + archived).then()
                .statusCode(200).body("active", equalTo(false));
        jsonAs(admin()).body("{\"name\":\"Второй\",\"form\":{\"fields\":[]},\"ordering\":2}").post("/api/services/manage/departments/" + dept + "/services")
                .then().statusCode(201);
        jsonAs(admin()).body("{\"name\":\"Первый\",\"form\":{\"fields\":[]},\"ordering\":1}").post("/api/services/manage/departments/" + dept + "/services")
                .then().statusCode(201);
        jsonAs(admin()).body("{\"name\":\"Скрытый\",\"form\":{\"fields\":[]},\"active\":false}").post("/api/services/manage/departments/" + dept + "/services")
                .then().statusCode(201);
        given().get("/api/services/departments").then().statusCode(200).body("total", equalTo(1)).body("items.name", contains("Деканат"));
        given().get("/api/services/departments/" + dept).then().statusCode(200).body("services.name", contains("Первый", "Второй"));
        given().get("/api/services/departments/" + archived).then().statusCode(404);
        jsonAs(admin()).get("/api/services/admin/departments").then().statusCode(200).body("total", equalTo(2));
        jsonAs(admin()).get("/api/services/manage/departments/" + dept + "/services").then().statusCode(200).body("", hasSize(3));
        long service = service(dept, "С формой", FORM, true);
        given().get("/api/services/catalog/" + service).then().statusCode(200).body("form.fields", hasSize(7))
                .body("form.fields[1].integer", equalTo(true)).body("form.fields[4].min_date", equalTo("2020-01-01"))
                .body("requires_files", equalTo(true)).body("department_name", equalTo("Деканат"));
    }

    @Test
    void formsAreCheckedWhenSavedAndNamesAreUnique() {
        long dept = department("Деканат");
        jsonAs(admin()).body(Map.of("name", "деканат")).post("/api/services/admin/departments").then().statusCode(409);
        jsonAs(admin()).body("{\"name\":\"X\",\"form\":{\"fields\":[{\"name\":\"a\",\"label\":\"A\",\"type\":\"select\"}]}}")
                .post("/api/services/manage/departments/" + dept + "/services").then().statusCode(400)
                .body("details.fields.'form.fields[0].options'", equalTo("a select needs 1 to 100 options"));
        jsonAs(admin()).body("{\"name\":\"X\",\"form\":{\"fields\":[{\"name\":\"a\",\"label\":\"A\",\"type\":\"colour\"}]}}")
                .post("/api/services/manage/departments/" + dept + "/services").then().statusCode(400);
        jsonAs(admin()).body("{\"name\":\"X\"}").post("/api/services/manage/departments/" + dept + "/services").then().statusCode(400);
        jsonAs(admin()).body("{\"name\":\"X\",\"form\":{\"fields\":[]}}").post("/api/services/manage/departments/999999/services").then()
                .statusCode(404);
        assertEquals(0L, db.query("select count(*) from services").execute().await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void deletionsRefuseWhatWouldOrphanApplicationsOrPeople() {
        long dept = department("Деканат");
        long used = service(dept, "Используемая", FORM, false);
        long unused = service(dept, "Пустая", FORM, false);
        application(used, 1);
        jsonAs(admin()).delete("/api/services/manage/services/" + used).then().statusCode(409).body("error_code", equalTo("service_in_use"))
                .body("details.applications", equalTo(1));
        jsonAs(admin()).delete("/api/services/manage/services/" + unused).then().statusCode(204);
        jsonAs(admin()).delete("/api/services/manage/services/" + unused).then().statusCode(404);
        jsonAs(admin()).delete("/api/services/admin/departments/" + dept).then().statusCode(409).body("error_code", equalTo("department_in_use"));

        long empty = department("Пустой отдел");
        service(empty, "Услуга", FORM, false);
        long person = staffOf(empty, "Сотрудник");
        jsonAs(admin()).delete("/api/services/admin/departments/" + empty).then().statusCode(409).body("error_code", equalTo("department_has_people"))
                .body("details.staff", equalTo(1));
        jsonAs(admin()).delete("/api/services/admin/staff/" + person).then().statusCode(204);
        jsonAs(admin()).delete("/api/services/admin/departments/" + empty).then().statusCode(204);
        assertEquals(1L, db.query("select count(*) from services").execute().await().indefinitely().iterator().next().getLong(0),
                "the empty department's service went with it; the used one stays");
        jsonAs(admin()).get("/api/services/admin/departments/" + empty).then().statusCode(404);
    }

    @Test
    void staffKeepOnlyTheirOwnDepartment() {
        long dept = department("Деканат");
        long other = department("Библиотека");
        long staff = staffOf(dept, "Сотрудник");
        long foreign = service(other, "Чужая", FORM, false);
        jsonAs(staff(staff)).body("{\"name\":\"Своя\",\"form\":{\"fields\":[]}}").post("/api/services/manage/departments/" + dept + "/services")
                .then().statusCode(201);
        jsonAs(staff(staff)).body("{\"name\":\"Чужая\",\"form\":{\"fields\":[]}}").post("/api/services/manage/departments/" + other + "/services")
                .then().statusCode(404);
        jsonAs(staff(staff)).get("/api/services/manage/services/" + foreign).then().statusCode(404);
        jsonAs(staff(staff)).body("{\"name\":\"Моя\",\"form\":{\"fields\":[]}}").put("/api/services/manage/services/" + foreign).then().statusCode(404);
        jsonAs(staff(staff)).delete("/api/services/manage/services/" + foreign).then().statusCode(404);
        jsonAs(staff(staff)).body(Map.of("full_name", "Чужой")).post("/api/services/manage/departments/" + other + "/executors").then().statusCode(404);
        jsonAs(staff(staff)).get("/api/services/manage/departments/" + other + "/executors").then().statusCode(404);
        long theirs = executorOf(other, "Их исполнитель");
        jsonAs(staff(staff)).get("/api/services/manage/executors/" + theirs).then().statusCode(404);
        jsonAs(staff(staff)).delete("/api/services/manage/executors/" + theirs).then().statusCode(404);
        jsonAs(staff(staff)).get("/api/services/admin/departments").then().statusCode(403);
    }
}
