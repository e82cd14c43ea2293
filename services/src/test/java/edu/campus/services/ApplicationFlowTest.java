package edu.campus.services;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import edu.campus.services.support.ServicesTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;

/** A student's application from submit to answer, through staff and an executor; its history complete at every step. */
@QuarkusTest
class ApplicationFlowTest extends ServicesTestBase {

    @Test
    void submitAssignWorkReplyAndTheStudentReadsItAll() throws Exception {
        long dept = department("Деканат");
        long service = service(dept, "Справка об обучении", FORM, true);
        long staff = staffOf(dept, "Петрова Анна");
        long executor = executorOf(dept, "Сидоров Олег");
        String student = student(41);

        Response created = submit(student, "{\"reason\":\"visa\",\"copies\":2,\"comment\":\"  для визы \\n срочно \",\"surname\":\"Иванов\","
                + "\"needed_by\":\"2027-01-15\",\"consent\":true}")
                .multiPart("scan", "скан паспорта.pdf", PDF, "application/pdf")
                .multiPart("files", "photo.png", PNG, "image/png")
                .post("/api/services/catalog/" + service + "/applications");
        created.then().statusCode(201).body("status", equalTo("pending")).body("student_name", equalTo("Студент 41"))
                .body("student_group", equalTo("3530901/10001")).body("form.comment", equalTo("для визы \n срочно"))
                .body("form.copies", equalTo(2)).body("files", hasSize(2)).body("files[0].field", equalTo("scan"))
                .body("files[0].content_type", equalTo("application/pdf")).body("files[1].field", nullValue())
                .body("history.action", contains("submitted"));
        long id = created.jsonPath().getLong("id");
        assertEquals("/api/services/my/applications/" + id, java.net.URI.create(created.header("Location")).getPath());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF));
        assertEquals(sha, created.jsonPath().getString("files[0].sha256"));

        // the student's list; staff's desk; the executor sees nothing before the assignment
        as(student).get("/api/services/my/applications").then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo((int) id));
        as(staff(staff)).get("/api/services/desk/applications").then().statusCode(200).body("items.id", contains((int) id));
        as(executor(executor)).get("/api/services/desk/applications").then().statusCode(200).body("total", equalTo(0));
        as(executor(executor)).get("/api/services/desk/applications/" + id).then().statusCode(404);

        jsonAs(staff(staff)).body(Map.of("executor_id", executor)).put("/api/services/desk/applications/" + id + "/executor").then()
                .statusCode(200).body("executor_id", equalTo((int) executor)).body("executor_name", equalTo("Сидоров Олег"));
        as(executor(executor)).get("/api/services/desk/applications").then().statusCode(200).body("items.id", contains((int) id));

        jsonAs(executor(executor)).body(Map.of("status", "in_progress")).post("/api/services/desk/applications/" + id + "/status").then()
                .statusCode(200).body("status", equalTo("in_progress"));
        byte[] answer = ("%PDF-1.7\n" + "x".repeat(600_000)).getBytes(); // more than two pieces in the database
        long replyFile = as(executor(executor)).multiPart("message", "Справка готова, заберите в 101", "text/plain; charset=UTF-8").multiPart("files", "справка.pdf", answer,
                "application/pdf").post("/api/services/desk/applications/" + id + "/replies").then().statusCode(200)
                .body("replies", hasSize(1)).body("replies[0].author_kind", equalTo("executor"))
                .body("replies[0].files[0].size", equalTo(answer.length)).extract().jsonPath().getLong("replies[0].files[0].id");
        jsonAs(executor(executor)).body(Map.of("status", "completed", "comment", "выдано")).post("/api/services/desk/applications/" + id + "/status")
                .then().statusCode(200);

        // the student reads the reply and downloads its file, byte for byte, as an attachment
        as(student).get("/api/services/my/applications/" + id).then().statusCode(200).body("status", equalTo("completed"))
                .body("replies[0].message", equalTo("Справка готова, заберите в 101"))
                .body("history.action", contains("submitted", "assigned", "status_changed", "replied", "status_changed"))
                .body("history.to_status", contains("pending", "pending", "in_progress", "in_progress", "completed"))
                .body("history.actor_kind", contains("student", "staff", "executor", "executor", "executor"))
                .body("history[4].detail", equalTo("выдано"));
        Response download = as(student).get("/api/services/my/files/" + replyFile);
        download.then().statusCode(200).header("Content-Type", equalTo("application/pdf")).header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Content-Length", equalTo(String.valueOf(answer.length)));
        assertTrue(download.header("Content-Disposition").startsWith("attachment; filename=\"_______.pdf\"; filename*=UTF-8''"),
                download.header("Content-Disposition"));
        assertArrayEquals(answer, download.asByteArray());
        long chunks = db.preparedQuery("select count(*) from file_chunks where file_id = $1").execute(Tuple.of(replyFile)).await().indefinitely()
                .iterator().next().getLong(0);
        assertEquals(3, chunks, "600 kB in 256 kB pieces");

        // someone else's application and file are 404s, for another student and for another department's staff
        as(student(42)).get("/api/services/my/applications/" + id).then().statusCode(404);
        as(student(42)).get("/api/services/my/files/" + replyFile).then().statusCode(404).body("error_code", equalTo("not_found"));
        long other = department("Библиотека");
        long otherStaff = staffOf(other, "Чужой Сотрудник");
        as(staff(otherStaff)).get("/api/services/desk/applications/" + id).then().statusCode(404);
        as(staff(otherStaff)).get("/api/services/desk/files/" + replyFile).then().statusCode(404);
        as(staff(staff)).get("/api/services/desk/files/" + replyFile).then().statusCode(200);
    }

    @Test
    void theWorkflowRefusesEveryOtherStepAndKeepsItOutOfHistory() {
        long dept = department("Общежитие");
        long service = service(dept, "Заселение", "{\"fields\":[]}", false);
        long staff = staffOf(dept, "Комендант");
        long id = submit(student(7), "{}").post("/api/services/catalog/" + service + "/applications").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String[][] illegal = { { "pending" } };
        jsonAs(staff(staff)).body(Map.of("status", illegal[0][0])).post("/api/services/desk/applications/" + id + "/status").then()
                .statusCode(409).body("error_code", equalTo("illegal_transition")).body("details.from", equalTo("pending"));
        jsonAs(staff(staff)).body(Map.of("status", "rejected", "comment", "нет мест")).post("/api/services/desk/applications/" + id + "/status")
                .then().statusCode(200);
        for (String next : List.of("pending", "in_progress", "completed", "rejected")) {
            jsonAs(staff(staff)).body(Map.of("status", next)).post("/api/services/desk/applications/" + id + "/status").then().statusCode(409)
                    .body("error_code", equalTo("illegal_transition"));
        }
        jsonAs(staff(staff)).body(Map.of("status", "done")).post("/api/services/desk/applications/" + id + "/status").then().statusCode(400);
        long executor = executorOf(dept, "Исполнитель");
        jsonAs(staff(staff)).body(Map.of("executor_id", executor)).put("/api/services/desk/applications/" + id + "/executor").then()
                .statusCode(409).body("error_code", equalTo("application_closed"));
        as(staff(staff)).get("/api/services/desk/applications/" + id).then().body("history.action", contains("submitted", "status_changed"))
                .body("history[1].to_status", equalTo("rejected"));
    }

    @Test
    void aRetriedSubmitWithTheSameKeyReturnsTheFirstApplicationEvenWhenConcurrent() throws Exception {
        long dept = department("Военный учебный центр");
        long service = service(dept, "Справка", "{\"fields\":[]}", false);
        long other = service(dept, "Другая справка", "{\"fields\":[]}", false);
        String token = student(5);
        long first = submit(token, "{}").header("Idempotency-Key", "k-1").post("/api/services/catalog/" + service + "/applications").then()
                .statusCode(201).extract().jsonPath().getLong("id");
        submit(token, "{}").header("Idempotency-Key", "k-1").post("/api/services/catalog/" + service + "/applications").then().statusCode(200)
                .body("id", equalTo((int) first));
        submit(token, "{}").header("Idempotency-Key", "k-1").post("/api/services/catalog/" + other + "/applications").then().statusCode(422)
                .body("error_code", equalTo("idempotency_key_reused"));
        // the same key from another student is theirs
        submit(student(6), "{}").header("Idempotency-Key", "k-1").post("/api/services/catalog/" + service + "/applications").then().statusCode(201);
        submit(token, "{}").header("Idempotency-Key", "bad key with spaces").post("/api/services/catalog/" + service + "/applications").then()
                .statusCode(400);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> racers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                racers.add(CompletableFuture.supplyAsync(() -> submit(token, "{}").header("Idempotency-Key", "race")
                        .post("/api/services/catalog/" + service + "/applications").then().extract().jsonPath().getInt("id"), pool));
            }
            assertEquals(1, racers.stream().map(CompletableFuture::join).distinct().count(), "one application for one key");
        } finally {
            pool.shutdown();
        }
        long rows = db.query("select count(*) from applications where student_id = 5").execute().await().indefinitely().iterator().next()
                .getLong(0);
        assertEquals(2, rows);
        long histories = db.query("select count(*) from history where action = 'submitted'").execute().await().indefinitely().iterator().next()
                .getLong(0);
        assertEquals(3, histories, "one submitted entry per application");
    }
}
