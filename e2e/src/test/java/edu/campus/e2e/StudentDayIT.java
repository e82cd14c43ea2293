package edu.campus.e2e;

import static edu.campus.e2e.Platform.api;
import static edu.campus.e2e.Platform.as;
import static edu.campus.e2e.Platform.await;
import static edu.campus.e2e.Platform.casSignIn;
import static edu.campus.e2e.Platform.launch;
import static edu.campus.e2e.Platform.random;
import static edu.campus.e2e.Platform.telegramMessagesTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.path.json.JsonPath;

/**
 * A student's day across every service, only through the gateway: CAS sign-in, Telegram linked through the bot, the kiosk's
 * QR scanned in traffic (marked once), an application with a file in services through the desk, the answer read, and one
 * Telegram message per change.
 */
class StudentDayIT {

    @Test
    void aStudentsDay() {
        // signed in through CAS (the stub's demo student), Telegram linked with a code from main brought to the bot's webhook
        String main = casSignIn();
        long student = as(main).get("/api/main/me").then().statusCode(200).body("cas_user", equalTo("demo.student@edu.example"))
                .extract().jsonPath().getLong("id");
        long chat = 7_000_000 + random();
        String code = as(main).post("/api/main/me/telegram/link-code").then().statusCode(200).extract().path("code");
        api().header("X-Telegram-Bot-Api-Secret-Token", Platform.read("telegram-webhook-secret"))
                .body("{\"update_id\":" + random() + ",\"message\":{\"message_id\":1,\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},"
                        + "\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"username\":\"e2e_student\"},\"text\":\"/start " + code + "\"}}")
                .post("/api/bot/webhook").then().statusCode(200).body("method", equalTo("sendMessage"));
        as(main).get("/api/main/me").then().statusCode(200).body("telegram.telegram_id", is((int) chat));

        // the record book from the university's site (the stub's): a wrong password refused, the right one connects once
        as(main).body(Map.of("password", "not it", "record_book_number", "2026-0042")).post("/api/main/gradebook/connect").then()
                .statusCode(422).body("error_code", equalTo("gradebook_login_refused"));
        as(main).body(Map.of("password", "demo-gradebook-password", "record_book_number", "2026-0042")).post("/api/main/gradebook/connect")
                .then().statusCode(200).body(containsString("Математический анализ"));
        as(main).get("/api/main/gradebook").then().statusCode(200).body(containsString("Программирование"));

        // attendance: a teacher starts today's lesson on the room's kiosk; the student scans the QR the kiosk draws
        Classroom room = Classroom.ready(15498, "Ларионенко Артём Александрович");
        String teacher = room.teacher();
        Kiosk kiosk = room.kiosk();
        try {
            long session = kiosk.startLesson(teacher);
            JsonPath shown = kiosk.state();
            assertEquals("active", shown.getString("state"));
            assertEquals(session, shown.getLong("session.id"));
            String traffic = launch(main, "traffic");
            String qr = Platform.qr(session, shown.getString("session.secret"));
            as(traffic).body(Map.of("qr_token", qr)).post("/api/traffic/sessions/" + session + "/marks").then().statusCode(201)
                    .body("status", equalTo("marked"));
            as(traffic).body(Map.of("qr_token", qr)).post("/api/traffic/sessions/" + session + "/marks").then().statusCode(200)
                    .body("status", equalTo("already_marked"));
            as(teacher).get("/api/traffic/sessions/" + session + "/attendees").then().statusCode(200).body("count", is(1))
                    .body("attendees[0].student_id", is((int) student));
            as(teacher).post("/api/traffic/sessions/" + session + "/close").then().statusCode(200).body("status", equalTo("closed"));
        } finally {
            room.leave();
        }

        // services: a department's desk and executor, a service with a form; the student applies with a file
        Department department = Department.create("Деканат E2E");
        long dept = department.id();
        String desk = department.staff("desk." + random());
        String executorName = "worker." + random();
        String worker = department.executor(desk, executorName);
        long executorId = as(desk).get("/api/services/manage/departments/" + dept + "/executors").then().statusCode(200).extract().jsonPath()
                .getLong("items.find { it.sso_username == '" + executorName + "' }.id");
        long service = as(desk).body("""
                {"name":"Справка об обучении","form":{"fields":[
                  {"name":"reason","label":"Для чего","type":"select","required":true,"options":["виза","работа"]},
                  {"name":"scan","label":"Скан студенческого","type":"file","required":true}]}}""")
                .post("/api/services/manage/departments/" + dept + "/services").then().statusCode(201).extract().jsonPath().getLong("id");

        String services = launch(main, "services");
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        long application = submit(services, service, "day-" + student, pdf, 201);
        assertEquals(application, submit(services, service, "day-" + student, pdf, 200), "the same Idempotency-Key: the same application");
        as(services).get("/api/services/my/applications").then().statusCode(200).body("total", is(1));

        // the desk: assign, work, reply, complete; the student reads the answer
        as(desk).body(Map.of("executor_id", executorId)).put("/api/services/desk/applications/" + application + "/executor").then()
                .statusCode(200);
        as(worker).body(Map.of("status", "in_progress")).post("/api/services/desk/applications/" + application + "/status").then()
                .statusCode(200);
        as(worker).body(Map.of("message", "Готово, ауд. 101")).post("/api/services/desk/applications/" + application + "/replies").then()
                .statusCode(200);
        as(worker).body(Map.of("status", "completed")).post("/api/services/desk/applications/" + application + "/status").then()
                .statusCode(200);
        JsonPath read = as(services).get("/api/services/my/applications/" + application).then().statusCode(200)
                .body("status", equalTo("completed")).body("replies[0].message", equalTo("Готово, ауд. 101")).extract().jsonPath();
        assertTrue(read.getList("history.action").size() >= 4, "history: " + read.getList("history.action"));
        String fileId = read.getString("files[0].id");
        as(services).get("/api/services/my/files/" + fileId).then().statusCode(200).body(containsString("%PDF-1.4"));

        // Telegram: one message per change the student hears about (in work, the reply, completed), in order, no more
        List<String> messages = await("Telegram messages to the student's chat", () -> telegramMessagesTo(chat), got -> got.size() >= 3,
                Duration.ofSeconds(30));
        Platform.sleep(2000);
        messages = telegramMessagesTo(chat);
        assertEquals(3, messages.size(), messages.toString());
        assertEquals("Заявка №" + application + ": в работе.", messages.get(0));
        assertTrue(messages.get(1).startsWith("По заявке №" + application + " пришёл ответ"), messages.get(1));
        assertTrue(messages.get(2).startsWith("Заявка №" + application + ": выполнена."), messages.get(2));
    }

    private static long submit(String launch, long service, String key, byte[] pdf, int status) {
        return as(launch).contentType("multipart/form-data").header("Idempotency-Key", key)
                // a form field, not a file (no filename), as a browser's FormData sends it
                .multiPart(new MultiPartSpecBuilder("{\"reason\":\"виза\"}").controlName("form").emptyFileName()
                        .mimeType("application/json").charset(StandardCharsets.UTF_8).build())
                .multiPart("scan", "card.pdf", pdf, "application/pdf")
                .post("/api/services/catalog/" + service + "/applications").then().statusCode(status).extract().jsonPath().getLong("id");
    }
}
