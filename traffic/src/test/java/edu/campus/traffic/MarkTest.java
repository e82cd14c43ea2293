package edu.campus.traffic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.attendance.QrTokens;
import edu.campus.traffic.attendance.SessionExpiry;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class MarkTest extends TrafficTestBase {

    @Inject
    SessionExpiry expiry;

    private String secretOf(Setup setup) {
        return kioskState(setup.secret()).statusCode(200).extract().jsonPath().getString("session.secret");
    }

    private static String token(String secretHex, long sessionId, int windowsBack) {
        return qrToken(secretHex, sessionId, windowsBack);
    }

    private static ValidatableResponse mark(long studentId, long sessionId, String qrToken) {
        return as(studentToken(studentId)).body(Map.of("qr_token", qrToken)).post("/api/traffic/sessions/" + sessionId + "/marks").then();
    }

    private long rows(long sessionId) {
        return db.preparedQuery("select count(*) from marks where session_id = $1").execute(Tuple.of(sessionId)).await().indefinitely()
                .iterator().next().getLong(0);
    }

    @Test
    void authenticationComesBeforeTheBody() {
        // no token and a malformed body: the caller hears 401, not what is wrong with a body it may not send
        given().contentType(ContentType.JSON).body(Map.of("qr_token", "xyz")).post("/api/traffic/sessions/1/marks")
                .then().statusCode(401).body("error_code", equalTo("unauthorized"));
        given().contentType(ContentType.JSON).body("{not json").post("/api/traffic/sessions/1/marks")
                .then().statusCode(401);
    }

    @Test
    void bodiesAreTakenAsWritten() {
        Setup s = activeSession();
        String path = "/api/traffic/sessions/" + s.sessionId() + "/marks";
        // a number is not text
        as(studentToken(1)).body("{\"qr_token\": 1234567890123456}").post(path).then().statusCode(400)
                .body("error_code", equalTo("validation_error")).body("details.fields.qr_token", equalTo("must be a string"));
        // an unknown property is refused by name
        as(studentToken(1)).body("{\"qr_token\": \"0123456789abcdef\", \"qrToken\": \"x\"}").post(path).then().statusCode(400)
                .body("details.fields.qrToken", equalTo("is not a known property"));
        // malformed JSON says where it broke
        as(studentToken(1)).body("{\n  \"qr_token\": \"0123456789abcdef\",\n  oops }").post(path).then().statusCode(400)
                .body("error_code", equalTo("bad_request")).body("details.line", equalTo(3));
        assertEquals(0, rows(s.sessionId()));
    }

    @Test
    void currentAndPreviousWindowsAreAcceptedOlderAndForgedAreNot() {
        Setup s = activeSession();
        String secret = secretOf(s);
        mark(1001, s.sessionId(), token(secret, s.sessionId(), 0)).statusCode(201).body("status", equalTo("marked"))
                .body("discipline", equalTo("Физика"));
        mark(1002, s.sessionId(), token(secret, s.sessionId(), 1)).statusCode(201).body("status", equalTo("marked"));
        mark(1003, s.sessionId(), token(secret, s.sessionId(), 2)).statusCode(422).body("error_code", equalTo("qr_token_expired"));
        mark(1004, s.sessionId(), token(secret, s.sessionId(), 12)).statusCode(422).body("error_code", equalTo("qr_token_expired"));
        mark(1005, s.sessionId(), "0123456789abcdef").statusCode(422).body("error_code", equalTo("qr_token_invalid"));
        // a valid token of another session is worthless here
        String otherSecret = "00".repeat(32);
        mark(1006, s.sessionId(), token(otherSecret, s.sessionId(), 0)).statusCode(422).body("error_code", equalTo("qr_token_invalid"));
        // malformed tokens are input errors
        mark(1007, s.sessionId(), "xyz").statusCode(400).body("details.fields", org.hamcrest.Matchers.aMapWithSize(1));
        assertEquals(2, rows(s.sessionId()));

        var marked = db.preparedQuery("select student_name, student_email, student_group, method, marked_by from marks "
                + "where session_id = $1 and student_id = 1001").execute(Tuple.of(s.sessionId())).await().indefinitely().iterator().next();
        assertEquals("Student 1001", marked.getString("student_name"));
        assertEquals("s1001@uni.example", marked.getString("student_email"));
        assertEquals("qr", marked.getString("method"));
        assertEquals("student", marked.getString("marked_by"));
    }

    @Test
    void aRepeatAnswersAlreadyMarked() {
        Setup s = activeSession();
        String secret = secretOf(s);
        String first = mark(2001, s.sessionId(), token(secret, s.sessionId(), 0)).statusCode(201).extract().jsonPath().getString("marked_at");
        mark(2001, s.sessionId(), token(secret, s.sessionId(), 0)).statusCode(200).body("status", equalTo("already_marked"))
                .body("marked_at", equalTo(first));
        assertEquals(1, rows(s.sessionId()));
    }

    @Test
    void hundredConcurrentMarksOfOneStudentLeaveOneRow() throws Exception {
        Setup s = activeSession();
        String token = token(secretOf(s), s.sessionId(), 0);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(() -> mark(3001, s.sessionId(), token).extract().statusCode());
            }
            int created = 0;
            int repeated = 0;
            for (Future<Integer> status : pool.invokeAll(calls)) {
                switch (status.get()) {
                    case 201 -> created++;
                    case 200 -> repeated++;
                    default -> throw new AssertionError("unexpected status " + status.get());
                }
            }
            assertEquals(1, created);
            assertEquals(99, repeated);
            assertEquals(1, rows(s.sessionId()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedOrUnknownSessionsRefuseMarks() {
        Setup s = activeSession();
        String token = token(secretOf(s), s.sessionId(), 0);
        as(teacherToken(s.teacherId())).post("/api/traffic/sessions/" + s.sessionId() + "/close").then().statusCode(200);
        mark(4001, s.sessionId(), token).statusCode(409).body("error_code", equalTo("session_closed"))
                .body("details.status", equalTo("closed"));
        mark(4001, 999_999_999, token).statusCode(404).body("error_code", equalTo("not_found"));
        assertEquals(0, rows(s.sessionId()));
    }

    @Test
    void theJobEndsSessionsThatReachedTheirMaximumLength() {
        Setup s = activeSession();
        String token = token(secretOf(s), s.sessionId(), 0);
        db.preparedQuery("update attendance_sessions set expires_at = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(s.sessionId())).await().indefinitely();
        // nobody reads it: the job alone ends it
        assertEquals(1, expiry.run().await().indefinitely());
        var row = db.preparedQuery("select status, ended_at from attendance_sessions where id = $1").execute(Tuple.of(s.sessionId()))
                .await().indefinitely().iterator().next();
        assertEquals("expired", row.getString("status"));
        kioskState(s.secret()).statusCode(200).body("state", equalTo("idle"));
        mark(5001, s.sessionId(), token).statusCode(409).body("details.status", equalTo("expired"));
        assertEquals(0, expiry.run().await().indefinitely());
    }

    @Test
    void anExpiredSessionIsRefusedEvenBeforeTheJobRuns() {
        Setup s = activeSession();
        String token = token(secretOf(s), s.sessionId(), 0);
        db.preparedQuery("update attendance_sessions set expires_at = now() - interval '1 second' where id = $1")
                .execute(Tuple.of(s.sessionId())).await().indefinitely();
        mark(6001, s.sessionId(), token).statusCode(409).body("details.status", equalTo("expired"));
        assertEquals(0, rows(s.sessionId()));
    }
}
