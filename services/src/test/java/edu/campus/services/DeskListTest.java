package edu.campus.services;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import edu.campus.services.support.ServicesTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** The desk's listing: scope by role, filters, text search, sorting and paging. */
@QuarkusTest
class DeskListTest extends ServicesTestBase {

    @Test
    void filtersSortingAndPagingWithinTheCallersScope() {
        long dept = department("Деканат");
        long other = department("Библиотека");
        long a = service(dept, "A", FORM, false);
        long b = service(dept, "B", FORM, false);
        long foreign = service(other, "C", FORM, false);
        long staff = staffOf(dept, "Сотрудник");
        long executor = executorOf(dept, "Исполнитель");
        long first = application(a, 101);
        long second = application(b, 102);
        long third = application(a, 103);
        long elsewhere = application(foreign, 104);
        jsonAs(staff(staff)).body(Map.of("executor_id", executor)).put("/api/services/desk/applications/" + third + "/executor").then().statusCode(200);
        jsonAs(staff(staff)).body(Map.of("status", "in_progress")).post("/api/services/desk/applications/" + second + "/status").then().statusCode(200);

        String s = staff(staff);
        as(s).get("/api/services/desk/applications").then().body("total", equalTo(3)).body("items.id", contains((int) third, (int) second, (int) first));
        as(s).queryParam("sort", "created_at").get("/api/services/desk/applications").then().body("items.id",
                contains((int) first, (int) second, (int) third));
        as(s).queryParam("sort", "-updated_at").get("/api/services/desk/applications").then().body("items[0].id", equalTo((int) second));
        as(s).queryParam("status", "in_progress").get("/api/services/desk/applications").then().body("items.id", contains((int) second));
        as(s).queryParam("service_id", a).get("/api/services/desk/applications").then().body("items.id", contains((int) third, (int) first));
        as(s).queryParam("executor_id", executor).get("/api/services/desk/applications").then().body("items.id", contains((int) third));
        as(s).queryParam("unassigned", true).get("/api/services/desk/applications").then().body("items.id", contains((int) second, (int) first));
        as(s).queryParam("q", "студент 102").get("/api/services/desk/applications").then().body("items.id", contains((int) second));
        as(s).queryParam("q", "S101@UNI").get("/api/services/desk/applications").then().body("items.id", contains((int) first));
        as(s).queryParam("q", "/10003").get("/api/services/desk/applications").then().body("items.id", contains((int) third));
        as(s).queryParam("q", "100%_").get("/api/services/desk/applications").then().body("total", equalTo(0));
        as(s).queryParam("size", 2).queryParam("page", 1).get("/api/services/desk/applications").then().body("items.id", contains((int) first))
                .body("total", equalTo(3)).body("page", equalTo(1)).body("size", equalTo(2));
        as(s).queryParam("department_id", other).get("/api/services/desk/applications").then().body("total", equalTo(0));
        as(s).queryParam("sort", "name").get("/api/services/desk/applications").then().statusCode(400);
        as(s).queryParam("status", "closed").get("/api/services/desk/applications").then().statusCode(400);
        as(s).queryParam("size", 201).get("/api/services/desk/applications").then().statusCode(400);

        as(executor(executor)).get("/api/services/desk/applications").then().body("items.id", contains((int) third));
        // counting stops at the cap (3 in tests): the admin's four are "3 and more"
        as(admin()).get("/api/services/desk/applications").then().body("total", equalTo(3)).body("total_capped", equalTo(true))
                .body("items", org.hamcrest.Matchers.hasSize(4));
        as(s).get("/api/services/desk/applications").then().body("total_capped", equalTo(false));
        as(admin()).queryParam("department_id", other).get("/api/services/desk/applications").then().body("items.id", contains((int) elsewhere));
        as(student(101)).get("/api/services/my/applications").then().body("items.id", contains((int) first)).body("items[0].service_name",
                equalTo("A"));
    }
}
