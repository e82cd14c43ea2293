package edu.campus.main;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.http.Fault;

import edu.campus.main.support.MainTestBase;
import edu.campus.main.support.Upstreams;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
public class GradebookTest extends MainTestBase {

    public static final String BOOK = """
            {"result": {"orders_type_name": "Зачётная книжка", "record_book_data": [
              {"grade": 5, "grade_name": "Отлично", "test_type_name": "Экзамен", "discipline": "Математический анализ",
               "lecturer": "Иванов И. И.", "try": 1, "date": "15.01.2024", "semester": 1, "hours": "144", "zet": "4"},
              {"grade": 4, "grade_name": "Хорошо", "test_type_name": "Экзамен", "discipline": "Физика",
               "lecturer": "Петров П. П.", "try": 2, "date": "12.03.2024", "semester": 1, "hours": "108", "zet": "1.5"},
              {"grade": 5, "grade_name": "Зачтено", "test_type_name": "Зачёт", "discipline": "Программирование",
               "lecturer": "Сидоров С. С.", "try": 1, "date": "20.12.2024", "semester": 3, "hours": "72", "zet": "2"},
              {"grade": 5, "grade_name": "Зачтено", "test_type_name": "Зачёт", "discipline": "Физкультура",
               "lecturer": "", "try": 1, "date": "01.06.2024", "semester": 0, "hours": "", "zet": ""}
            ]}}""";

    /** The record-book site's three steps, answering for this student's session only. */
    private static void upstreamSignsIn(String username, String password, String session) {
        var lk = Upstreams.server();
        lk.stubFor(get(urlPathEqualTo("/lk/accounts/basic-login/")).willReturn(aResponse().withStatus(200)
                .withHeader("Set-Cookie", "csrftoken=csrf-one; Path=/; SameSite=Lax").withBody("<form>...</form>")));
        lk.stubFor(post(urlPathEqualTo("/lk/accounts/basic-login/"))
                .withHeader("Cookie", containing("csrftoken=csrf-one"))
                .withHeader("Referer", containing("/lk/accounts/basic-login/"))
                .withRequestBody(containing("csrfmiddlewaretoken=csrf-one"))
                .withRequestBody(containing("username=" + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)))
                .withRequestBody(containing("password=" + password))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/")
                        .withHeader("Set-Cookie", "sessionid=" + session + "; Path=/; HttpOnly", "csrftoken=csrf-two; Path=/")));
    }

    private static void upstreamBook(String session, String number, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        Upstreams.server().stubFor(post(urlPathEqualTo("/lk/science-and-education/recordbook/get_record_book_data_ajax"))
                .withHeader("Cookie", containing("sessionid=" + session))
                .withHeader("X-CSRFToken", equalTo("csrf-two"))
                .withRequestBody(equalToJson("{\"record_book_number\":\"" + number + "\"}"))
                .willReturn(answer));
    }

    private static ValidatableResponse connect(Map<String, String> session, Map<String, Object> body) {
        return as(session).contentType(ContentType.JSON).body(body).post("/api/main/gradebook/connect").then();
    }

    private void age(Map<String, String> session) {
        db.preparedQuery("update gradebook_snapshots set fetched_at = now() - interval '1 hour' where student_id = $1")
                .execute(Tuple.of(Long.parseLong(session.get("student_id")))).await().indefinitely();
    }

    private record Connected(Map<String, String> session, String user, String password, String upstreamSession) {
    }

    private Connected connected() {
        String user = casUser();
        Map<String, String> session = signIn(user, Map.of());
        String password = "pw" + UUID.randomUUID().toString().replace("-", "");
        String upstreamSession = "sess" + UUID.randomUUID().toString().replace("-", "");
        upstreamSignsIn(user, password, upstreamSession);
        upstreamBook(upstreamSession, "2020-123", okJson(BOOK));
        connect(session, Map.of("password", password, "record_book_number", "2020-123")).statusCode(200)
                .body("stale", Matchers.equalTo(false));
        return new Connected(session, user, password, upstreamSession);
    }

    @Test
    void connectSignsInUpstreamKeepsOnlyTheSealedSessionAndGroupsTheBook() {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        Connected c;
        try {
            c = connected();
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        as(c.session()).get("/api/main/gradebook").then().statusCode(200)
                .body("orders_type_name", Matchers.equalTo("Зачётная книжка"))
                .body("stale", Matchers.equalTo(false))
                .body("reconnect_required", Matchers.equalTo(false))
                .body("academic_years.label", Matchers.contains("2024/2025", "2023/2024", "other"))
                .body("academic_years[1].entries", hasSize(2))
                .body("academic_years[1].entries[1].zet", Matchers.equalTo(1.5f))
                .body("academic_years[1].entries[1].date", Matchers.equalTo("2024-03-12"))
                .body("academic_years[2].entries[0].semester", Matchers.equalTo(0));
        // fresh enough: the second read did not ask upstream
        Upstreams.server().verify(1, postRequestedFor(urlPathEqualTo("/lk/science-and-education/recordbook/get_record_book_data_ajax")));
        // the password is nowhere: not in any row of main's tables, not in the logs; the session cookie is not in clear either
        String everything = db.query("""
                select coalesce(string_agg(t::text, ' '), '') from (
                  select s::text as t from students s union all select c::text from gradebook_connections c
                  union all select g::text from gradebook_snapshots g union all select ss::text from student_sessions ss) x""")
                .execute().await().indefinitely().iterator().next().getString(0);
        assertFalse(everything.contains(c.password()), "the password is stored");
        assertFalse(everything.contains(c.upstreamSession()), "the upstream session is stored in clear");
        assertFalse(logged.stream().anyMatch(line -> line.contains(c.password())), "the password is logged");
        assertEquals("2020-123", db.preparedQuery("select record_book_number from students where id = $1")
                .execute(Tuple.of(Long.parseLong(c.session().get("student_id")))).await().indefinitely().iterator().next().getString(0));
    }

    @jakarta.inject.Inject
    edu.campus.main.gradebook.Gradebook gradebook;

    @jakarta.inject.Inject
    edu.campus.main.gradebook.GradebookClient gradebookClient;

    @jakarta.inject.Inject
    edu.campus.main.gradebook.SessionCipher cipher;

    @Test
    void thePasswordIsNotReachableFromTheGradebooksObjectsAfterTheCall() {
        Connected c = connected();
        Map<String, Object> roots = Map.of("gradebook", io.quarkus.arc.ClientProxy.unwrap(gradebook),
                "gradebookClient", io.quarkus.arc.ClientProxy.unwrap(gradebookClient), "cipher", cipher);
        assertTrue(edu.campus.main.support.HeapScan.reach(roots) > 10, "the walk saw the beans' state");
        assertEquals(List.of(), edu.campus.main.support.HeapScan.find(c.password(), roots));
        // and it finds what is there: the upstream site's URL, kept by the client
        assertFalse(edu.campus.main.support.HeapScan.find("/lk", roots).isEmpty(), "the scan finds a string that is reachable");
    }

    @Test
    void refusedCredentialsAndAMissingRecordBookNumberAre422s() {
        String user = casUser();
        Map<String, String> session = signIn(user, Map.of());
        connect(session, Map.of("password", "whatever")).statusCode(422)
                .body("error_code", Matchers.equalTo("record_book_number_required"));
        Upstreams.server().stubFor(get(urlPathEqualTo("/lk/accounts/basic-login/")).willReturn(aResponse()
                .withHeader("Set-Cookie", "csrftoken=csrf-one; Path=/")));
        Upstreams.server().stubFor(post(urlPathEqualTo("/lk/accounts/basic-login/")).willReturn(aResponse().withStatus(200)
                .withBody("<form>wrong password</form>")));
        connect(session, Map.of("password", "wrong", "record_book_number", "1")).statusCode(422)
                .body("error_code", Matchers.equalTo("gradebook_login_refused"));
        as(session).get("/api/main/gradebook").then().statusCode(404).body("error_code", Matchers.equalTo("gradebook_not_connected"));
        connect(session, Map.of()).statusCode(400);
    }

    @Test
    void upstreamDownSlowOrMalformedServesTheStoredCopyAsStale() {
        Connected c = connected();
        String number = "2020-123";
        for (var answer : List.of(aResponse().withStatus(503), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFixedDelay(2500).withBody(BOOK), okJson("{\"unexpected\": true}"), aResponse().withBody("<html>"))) {
            Upstreams.reset();
            upstreamBook(c.upstreamSession(), number, answer);
            age(c.session());
            as(c.session()).get("/api/main/gradebook").then().statusCode(200)
                    .body("stale", Matchers.equalTo(true))
                    .body("reconnect_required", Matchers.equalTo(false))
                    .body("age_seconds", greaterThanOrEqualTo(3600))
                    .body("academic_years", hasSize(3));
        }
        // upstream back: fresh again
        Upstreams.reset();
        upstreamBook(c.upstreamSession(), number, okJson(BOOK));
        age(c.session());
        as(c.session()).get("/api/main/gradebook").then().statusCode(200).body("stale", Matchers.equalTo(false))
                .body("age_seconds", Matchers.lessThan(5));
    }

    @Test
    void anExpiredUpstreamSessionAsksForAReconnect() {
        Connected c = connected();
        Upstreams.reset();
        upstreamBook(c.upstreamSession(), "2020-123", aResponse().withStatus(302).withHeader("Location", "/accounts/basic-login/?next=/"));
        age(c.session());
        as(c.session()).get("/api/main/gradebook").then().statusCode(200)
                .body("stale", Matchers.equalTo(true)).body("reconnect_required", Matchers.equalTo(true));
        assertEquals(0L, db.preparedQuery("select count(*) from gradebook_connections where student_id = $1")
                .execute(Tuple.of(Long.parseLong(c.session().get("student_id")))).await().indefinitely().iterator().next().getLong(0));
        // without a session upstream is not asked again
        Upstreams.reset();
        as(c.session()).get("/api/main/gradebook").then().statusCode(200).body("reconnect_required", Matchers.equalTo(true));
        Upstreams.server().verify(0, postRequestedFor(urlPathEqualTo("/lk/science-and-education/recordbook/get_record_book_data_ajax")));
        // disconnect forgets the book
        as(c.session()).delete("/api/main/gradebook").then().statusCode(204);
        as(c.session()).get("/api/main/gradebook").then().statusCode(404);
    }

    @Test
    void aSessionSealedForAnotherStudentDoesNotOpen() {
        Connected anna = connected();
        Connected boris = connected();
        db.preparedQuery("update gradebook_connections set session_sealed = (select session_sealed from gradebook_connections where student_id = $1) where student_id = $2")
                .execute(Tuple.of(Long.parseLong(anna.session().get("student_id")), Long.parseLong(boris.session().get("student_id"))))
                .await().indefinitely();
        age(boris.session());
        Upstreams.reset();
        as(boris.session()).get("/api/main/gradebook").then().statusCode(200).body("reconnect_required", Matchers.equalTo(true));
        Upstreams.server().verify(0, postRequestedFor(urlPathEqualTo("/lk/science-and-education/recordbook/get_record_book_data_ajax")));
    }
}
