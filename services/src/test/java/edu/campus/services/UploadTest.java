package edu.campus.services;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import edu.campus.services.support.ServicesTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Upload limits and content checks (the test profile: 2 MB a file, 3 MB together, 4 files): every refusal leaves no
 * application, no file and no history row behind.
 */
@QuarkusTest
class UploadTest extends ServicesTestBase {

    private long service;
    private long needsFiles;

    @BeforeEach
    void catalogue() {
        long dept = department("Приёмная комиссия");
        service = service(dept, "Справка", FORM, false);
        needsFiles = service(dept, "Копии документов", "{\"fields\":[]}", true);
    }

    private RequestSpecification submit() {
        return submit(student(3), answers());
    }

    private void nothingWritten() {
        for (String table : new String[] { "applications", "files", "file_chunks", "history" }) {
            assertEquals(0L, db.query("select count(*) from " + table).execute().await().indefinitely().iterator().next().getLong(0), table);
        }
    }

    @Test
    void aPdfThatIsReallyHtmlIsRefused() {
        submit().multiPart("scan", "passport.pdf", HTML, "application/pdf").post("/api/services/catalog/" + service + "/applications").then()
                .statusCode(415).body("error_code", equalTo("file_content_mismatch")).body("details.file", equalTo("passport.pdf"));
        submit().multiPart("scan", "page.html", HTML, "text/html").post("/api/services/catalog/" + service + "/applications").then()
                .statusCode(415).body("error_code", equalTo("file_type_not_allowed"));
        submit().multiPart("scan", "image.pdf", PNG, "application/pdf").post("/api/services/catalog/" + service + "/applications").then()
                .statusCode(415).body("error_code", equalTo("file_content_mismatch"));
        nothingWritten();
    }

    @Test
    void sizeCountAndTotalLimits() {
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        submit().multiPart("scan", "big.pdf", big, "application/pdf").post("/api/services/catalog/" + service + "/applications").then()
                .statusCode(413).body("error_code", equalTo("file_too_large")).body("details.max_bytes", equalTo(2 * 1024 * 1024));
        byte[] almost = new byte[2 * 1024 * 1024 - 100];
        System.arraycopy(PDF, 0, almost, 0, PDF.length);
        submit().multiPart("scan", "a.pdf", almost, "application/pdf").multiPart("files", "b.pdf", almost, "application/pdf")
                .post("/api/services/catalog/" + service + "/applications").then().statusCode(413).body("error_code", equalTo("files_too_large"));
        RequestSpecification five = submit();
        for (int i = 0; i < 5; i++) {
            five.multiPart("files", "f" + i + ".pdf", PDF, "application/pdf");
        }
        five.post("/api/services/catalog/" + service + "/applications").then().statusCode(400).body("error_code", equalTo("too_many_files"));
        submit().multiPart("files", "empty.pdf", new byte[0], "application/pdf").post("/api/services/catalog/" + service + "/applications")
                .then().statusCode(400);
        nothingWritten();
    }

    @Test
    void formRulesAndRequiredFiles() {
        submit(student(3), "{\"reason\":\"visa\",\"consent\":true}").multiPart("scan", "a.pdf", PDF, "application/pdf")
                .multiPart("scan", "b.pdf", PDF, "application/pdf").multiPart("scan", "c.pdf", PDF, "application/pdf")
                .post("/api/services/catalog/" + service + "/applications").then().statusCode(400)
                .body("details.fields.scan", equalTo("at most 2 file(s)"));
        submit(student(3), "{\"reason\":\"nope\"}").post("/api/services/catalog/" + service + "/applications").then().statusCode(400)
                .body("details.fields.reason", equalTo("must be one of the options")).body("details.fields.consent", equalTo("is required"));
        submit(student(3), "{not json").post("/api/services/catalog/" + service + "/applications").then().statusCode(400)
                .body("details.fields.form", equalTo("is not valid JSON"));
        submit(student(3), "{}").multiPart("elsewhere", "a.pdf", PDF, "application/pdf").post("/api/services/catalog/" + needsFiles + "/applications")
                .then().statusCode(400).body("details.fields.elsewhere", equalTo("is not a file field of this form"));
        submit(student(3), "{}").post("/api/services/catalog/" + needsFiles + "/applications").then().statusCode(400)
                .body("details.fields.files", equalTo("this service needs at least one file"));
        as(student(3)).contentType("application/json").body("{}").post("/api/services/catalog/" + service + "/applications").then()
                .statusCode(415);
        nothingWritten();
        submit(student(3), "{}").multiPart("files", "a.docx", new byte[] { 'P', 'K', 3, 4, 0 }, "application/octet-stream")
                .post("/api/services/catalog/" + needsFiles + "/applications").then().statusCode(201)
                .body("files[0].content_type", equalTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
    }

    @Test
    void archivedServicesAndDepartmentsTakeNoApplications() {
        submit().post("/api/services/catalog/999999/applications").then().statusCode(404);
        jsonAs(admin()).body("{\"name\":\"Справка\",\"form\":" + FORM + ",\"active\":false}").put("/api/services/manage/services/" + service)
                .then().statusCode(200).body("active", equalTo(false));
        submit().multiPart("scan", "a.pdf", PDF, "application/pdf").post("/api/services/catalog/" + service + "/applications").then()
                .statusCode(404);
        nothingWritten();
    }
}
