package edu.campus.services.support;

import edu.campus.events.testing.TestBroker;
import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;

import edu.campus.common.testing.TestDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.MultiPartConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import org.apache.http.entity.mime.HttpMultipartMode;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The services test base: its own database (emptied before each test), WireMock for SSO and main's JWKS, and the
 * helpers every test uses over HTTP only (static, so the native IT uses them too).
 */
@WithTestResource(value = TestDatabase.class, initArgs = @ResourceArg(name = "name", value = "services_test"))
@WithTestResource(Upstreams.class)
@WithTestResource(TestBroker.class)
public abstract class ServicesTestBase {

    /** A tiny but real PDF header and body: what FileTypes recognises as a PDF. */
    public static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    public static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
    public static final byte[] HTML = "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII);

    /** A form with one of every field type: reason (select, required), copies (integer 1..5), comment, date, consent, scan. */
    public static final String FORM = """
            {"fields":[
              {"name":"reason","label":"Причина","type":"select","required":true,"options":["visa","work","other"]},
              {"name":"copies","label":"Копий","type":"number","integer":true,"min":1,"max":5},
              {"name":"comment","label":"Комментарий","type":"textarea","max_length":500},
              {"name":"surname","label":"Фамилия","type":"text","min_length":2,"max_length":50},
              {"name":"needed_by","label":"Когда нужно","type":"date","min_date":"2020-01-01"},
              {"name":"consent","label":"Согласие","type":"checkbox","required":true},
              {"name":"scan","label":"Скан","type":"file","max_files":2}
            ]}""";

    @Inject
    protected Pool db;

    @BeforeEach
    void cleanSlate() {
        Upstreams.reset();
        TestBroker.mend();
        db.query("truncate outbox, inbox, history, file_chunks, files, replies, applications, services, executors, staff, departments restart identity cascade")
                .execute().await().indefinitely();
    }

    /** Multipart text and file names in UTF-8, as browsers send them. */
    private static final RestAssuredConfig UTF8 = RestAssuredConfig.config()
            .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset(StandardCharsets.UTF_8))
            .httpClient(HttpClientConfig.httpClientConfig().httpMultipartMode(HttpMultipartMode.BROWSER_COMPATIBLE));

    public static RequestSpecification as(String token) {
        return given().config(UTF8).header("Authorization", "Bearer " + token);
    }

    public static RequestSpecification jsonAs(String token) {
        return as(token).contentType(ContentType.JSON);
    }

    public static String admin() {
        return Upstreams.SSO.ssoUser(1, "services", "admin", null, "Services Admin");
    }

    public static String staff(long staffId) {
        return Upstreams.SSO.ssoUser(9000 + staffId, "services", "staff", staffId, "Staff " + staffId);
    }

    public static String executor(long executorId) {
        return Upstreams.SSO.ssoUser(9000 + executorId, "services", "executor", executorId, "Executor " + executorId);
    }

    public static String student(long studentId) {
        return Upstreams.MAIN.launch(studentId, "services", "Студент " + studentId, "s" + studentId + "@uni.example", "3530901/1000" + studentId % 10);
    }

    public static long random() {
        return ThreadLocalRandom.current().nextLong(1_000, 1_000_000_000);
    }

    public static long department(String name) {
        return jsonAs(admin()).body(Map.of("name", name, "description", "О подразделении", "contact", "room 101"))
                .post("/api/services/admin/departments").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static long service(long department, String name, String form, boolean requiresFiles) {
        return jsonAs(admin()).body("{\"name\":\"" + name + "\",\"description\":\"desc\",\"form\":" + form + ",\"requires_files\":"
                + requiresFiles + "}").post("/api/services/manage/departments/" + department + "/services").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    /** A staff member created by the admin (SSO answering): their id. */
    public static long staffOf(long department, String name) {
        return jsonAs(admin()).body(Map.of("full_name", name)).post("/api/services/admin/departments/" + department + "/staff").then()
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    public static long executorOf(long department, String name) {
        return jsonAs(admin()).body(Map.of("full_name", name)).post("/api/services/manage/departments/" + department + "/executors")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The answers every test form accepts. */
    public static String answers() {
        return "{\"reason\":\"visa\",\"copies\":2,\"surname\":\"Иванов\",\"consent\":true}";
    }

    /** A submit without files (the form part as JSON text). */
    public static RequestSpecification submit(String token, String form) {
        return as(token).multiPart("form", form, "application/json; charset=UTF-8");
    }

    /** A submitted application's id: service {@code service}, student {@code studentId}, one PDF as the scan. */
    public static long application(long service, long studentId) {
        return submit(student(studentId), answers()).multiPart("scan", "scan.pdf", PDF, "application/pdf")
                .post("/api/services/catalog/" + service + "/applications").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
