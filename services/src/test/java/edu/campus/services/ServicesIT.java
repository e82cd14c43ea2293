package edu.campus.services;

import static edu.campus.services.support.ServicesTestBase.FORM;
import static edu.campus.services.support.ServicesTestBase.HTML;
import static edu.campus.services.support.ServicesTestBase.PDF;
import static edu.campus.services.support.ServicesTestBase.admin;
import static edu.campus.services.support.ServicesTestBase.answers;
import static edu.campus.services.support.ServicesTestBase.as;
import static edu.campus.services.support.ServicesTestBase.department;
import static edu.campus.services.support.ServicesTestBase.executor;
import static edu.campus.services.support.ServicesTestBase.executorOf;
import static edu.campus.services.support.ServicesTestBase.jsonAs;
import static edu.campus.services.support.ServicesTestBase.random;
import static edu.campus.services.support.ServicesTestBase.service;
import static edu.campus.services.support.ServicesTestBase.staff;
import static edu.campus.services.support.ServicesTestBase.staffOf;
import static edu.campus.services.support.ServicesTestBase.student;
import static edu.campus.services.support.ServicesTestBase.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edu.campus.common.testing.TestDatabase;
import edu.campus.services.support.FakeSso;
import edu.campus.services.support.Upstreams;
import edu.campus.events.testing.TestBroker;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The whole application flow against the packaged (or native) artifact, over HTTP only (ServicesTestBase's static helpers). */
@QuarkusIntegrationTest
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "services_test"))
@WithTestResource(Upstreams.class)
@WithTestResource(TestBroker.class)
class ServicesIT {

    @BeforeEach
    void resetUpstreams() {
        Upstreams.reset();
    }

    @Test
    void departmentPeopleSubmitAssignReplyDownload() throws Exception {
        List<TestBroker.Received> events = TestBroker.listen("services.application.*");
        long dept = department("Деканат " + random());
        long staff = staffOf(dept, "Петрова Анна");
        long executor = executorOf(dept, "Сидоров Олег");
        jsonAs(admin()).post("/api/services/manage/executors/" + executor + "/invitation").then().statusCode(200)
                .body("invitation.code", startsWith("invite-executor-"));
        long service = service(dept, "Справка", FORM, false);
        given().get("/api/services/catalog/" + service).then().statusCode(200).body("form.fields[0].options", contains("visa", "work", "other"));

        String token = student(random());
        submit(token, answers()).multiPart("scan", "passport.pdf", HTML, "application/pdf").post("/api/services/catalog/" + service + "/applications")
                .then().statusCode(415).body("error_code", equalTo("file_content_mismatch"));
        long id = submit(token, answers()).header("Idempotency-Key", "native-1").multiPart("scan", "скан.pdf", PDF, "application/pdf")
                .post("/api/services/catalog/" + service + "/applications").then().statusCode(201).body("form.copies", equalTo(2))
                .extract().jsonPath().getLong("id");
        submit(token, answers()).header("Idempotency-Key", "native-1").multiPart("scan", "скан.pdf", PDF, "application/pdf")
                .post("/api/services/catalog/" + service + "/applications").then().statusCode(200).body("id", equalTo((int) id));

        // the submit's event, through the outbox and the relay, from the native executable to RabbitMQ
        long deadline = System.currentTimeMillis() + 15_000;
        java.util.function.Predicate<TestBroker.Received> submitted = e -> e.routingKey().equals("services.application.submitted")
                && applicationId(e.body()) == id;
        while (events.stream().noneMatch(submitted) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(events.stream().anyMatch(submitted), events.toString());
        jsonAs(staff(staff)).body(Map.of("executor_id", executor)).put("/api/services/desk/applications/" + id + "/executor").then().statusCode(200);
        jsonAs(executor(executor)).body(Map.of("status", "in_progress")).post("/api/services/desk/applications/" + id + "/status").then()
                .statusCode(200);
        jsonAs(executor(executor)).body(Map.of("status", "pending")).post("/api/services/desk/applications/" + id + "/status").then()
                .statusCode(409).body("error_code", equalTo("illegal_transition"));
        long file = as(executor(executor)).multiPart("message", "Готово", "text/plain; charset=UTF-8").multiPart("files", "ответ.pdf", PDF,
                "application/pdf").post("/api/services/desk/applications/" + id + "/replies").then().statusCode(200)
                .extract().jsonPath().getLong("replies[0].files[0].id");
        jsonAs(executor(executor)).body(Map.of("status", "completed")).post("/api/services/desk/applications/" + id + "/status").then()
                .statusCode(200);

        as(token).get("/api/services/my/applications/" + id).then().statusCode(200).body("replies[0].message", equalTo("Готово"))
                .body("history.action", contains("submitted", "assigned", "status_changed", "replied", "status_changed"));
        assertArrayEquals(PDF, as(token).get("/api/services/my/files/" + file).then().statusCode(200)
                .header("Content-Type", equalTo("application/pdf")).extract().asByteArray());
        as(student(random())).get("/api/services/my/files/" + file).then().statusCode(404);

        FakeSso.down.set(10);
        jsonAs(staff(staff)).delete("/api/services/manage/executors/" + executor).then().statusCode(202).body("status", equalTo("deleting"));
        as(executor(executor)).get("/api/services/desk/applications").then().statusCode(403).body("error_code", equalTo("account_inactive"));
        given().get("/health/readiness").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/openapi").then().statusCode(200);
    }

    private static long applicationId(String event) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(event).at("/data/application_id").asLong();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
