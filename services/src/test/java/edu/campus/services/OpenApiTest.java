package edu.campus.services;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

import edu.campus.common.testing.OpenApiContract;
import edu.campus.services.support.ServicesTestBase;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document says what the API does: names as on the wire, who may call, the real statuses. */
@QuarkusTest
class OpenApiTest extends ServicesTestBase {

    @Test
    void schemasMatchRealAnswersAndProtectedEndpointsAreSecured() {
        OpenApiContract api = OpenApiContract.fetch();
        long dept = department("Деканат");
        long service = service(dept, "Справка", FORM, false);
        long app = application(service, 1);
        api.assertAnswerMatches("ServiceView", as(admin()).get("/api/services/catalog/" + service).then().statusCode(200).extract().asString());
        api.assertAnswerMatches("ApplicationDetail", as(student(1)).get("/api/services/my/applications/" + app).then().statusCode(200)
                .extract().asString());
        api.assertAnswerMatches("DepartmentCatalog", as(admin()).get("/api/services/departments/" + dept).then().statusCode(200).extract().asString());
        api.assertAnswerMatches("PersonView", jsonAs(admin()).body("{\"full_name\":\"A B\"}").post("/api/services/admin/departments/" + dept
                + "/staff").then().statusCode(201).extract().asString());
        api.assertSecured("/api/services/my/applications", "GET");
        api.assertSecured("/api/services/catalog/{id}/applications", "POST");
        api.assertSecured("/api/services/desk/applications", "GET");
        api.assertSecured("/api/services/manage/services/{id}", "PUT");
        api.assertSecured("/api/services/admin/departments", "POST");
        api.assertStatus("/api/services/catalog/{id}/applications", "POST", "201");
        api.assertStatus("/api/services/desk/applications/{id}/status", "POST", "409");
        api.assertStatus("/api/services/manage/executors/{id}", "DELETE", "202");
        assertFalse(api.text().contains("HttpServerRequest"), "a framework type is documented");
    }
}
