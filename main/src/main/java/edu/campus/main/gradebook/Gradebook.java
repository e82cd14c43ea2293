package edu.campus.main.gradebook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.common.error.ApiException;
import edu.campus.common.upstream.UpstreamException;
import edu.campus.common.upstream.Upstreams;
import edu.campus.main.MainConfig;
import edu.campus.main.MainMetrics;
import edu.campus.main.gradebook.GradebookClient.Read;
import edu.campus.main.gradebook.GradebookClient.UpstreamSession;
import edu.campus.main.gradebook.GradebookDtos.Connect;
import edu.campus.main.gradebook.GradebookDtos.GradebookView;
import edu.campus.main.student.StudentStore;
import edu.campus.main.student.Students;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The student's record book. Connecting signs in upstream with the password given in that one call (used once, never
 * stored, logged or kept), keeps only the upstream session sealed ({@link SessionCipher}) and the book read. Reading
 * serves the stored book while it is younger than {@code refresh-after}; otherwise it asks upstream and falls back to
 * the stored copy, marked stale with its age, when upstream is down or slow, or when the session has ended (then with
 * {@code reconnect_required}).
 */
@ApplicationScoped
public class Gradebook {

    private static final Logger LOG = Logger.getLogger(Gradebook.class);

    private final GradebookClient upstream;
    private final GradebookStore store;
    private final SessionCipher cipher;
    private final Students students;
    private final StudentStore studentStore;
    private final ObjectMapper json;
    private final MainConfig.Gradebook config;
    private final MainMetrics metrics;

    Gradebook(GradebookClient upstream, GradebookStore store, SessionCipher cipher, Students students, StudentStore studentStore,
            ObjectMapper json, MainConfig config, MainMetrics metrics) {
        this.metrics = metrics;
        this.upstream = upstream;
        this.store = store;
        this.cipher = cipher;
        this.students = students;
        this.studentStore = studentStore;
        this.json = json;
        this.config = config.gradebook();
    }

    public Uni<GradebookView> connect(long studentId, Connect request) {
        return students.existing(studentId).flatMap(student -> {
            String number = request.recordBookNumber() != null && !request.recordBookNumber().isBlank()
                    ? request.recordBookNumber().strip() : student.recordBookNumber();
            if (number == null) {
                return Uni.createFrom().failure(new ApiException(422, "record_book_number_required",
                        "main does not know your record-book number yet: send record_book_number once", Map.of("field", "record_book_number")));
            }
            return upstream.signIn(student.casUser(), request.password())
                    .onFailure().transform(failure -> Upstreams.map(GradebookClient.UPSTREAM, failure))
                    .flatMap(session -> upstream.recordBook(session, number)
                            .onFailure().transform(failure -> Upstreams.map(GradebookClient.UPSTREAM, failure)).flatMap(read -> {
                        if (!(read instanceof Read.Book book)) {
                            return Uni.createFrom().failure(new UpstreamException.BadResponse(GradebookClient.UPSTREAM, "session_refused_at_once", null));
                        }
                        Instant now = Instant.now();
                        byte[] sealed = cipher.seal(studentId, session.serialize().getBytes(StandardCharsets.UTF_8));
                        return studentStore.setRecordBookNumber(studentId, number)
                                .chain(() -> store.connected(studentId, sealed, now.plus(config.sessionTtl()), toJson(book.book()), now))
                                .replaceWith(view(book.book(), now, false, false, now))
                                .invoke(() -> metrics.gradebook(MainMetrics.GradebookRead.connected));
                    }))
                    .onFailure(ApiException.class).invoke(() -> metrics.gradebook(MainMetrics.GradebookRead.refused));
        });
    }

    public Uni<GradebookView> read(long studentId) {
        return students.existing(studentId).flatMap(student -> store.snapshot(studentId).flatMap(snapshot -> store.connection(studentId)
                .flatMap(connection -> {
                    Instant now = Instant.now();
                    if (snapshot != null && snapshot.fetchedAt().plus(config.refreshAfter()).isAfter(now)) {
                        return Uni.createFrom().item(stored(snapshot, false, connection == null, now));
                    }
                    UpstreamSession session = connection == null || !connection.expiresAt().isAfter(now) ? null : open(studentId, connection);
                    if (session == null || student.recordBookNumber() == null) {
                        if (snapshot == null) {
                            return Uni.createFrom().failure(new ApiException(404, "gradebook_not_connected",
                                    "connect the gradebook first (POST /api/main/gradebook/connect)", Map.of()));
                        }
                        return Uni.createFrom().item(stored(snapshot, true, true, now));
                    }
                    return upstream.recordBook(session, student.recordBookNumber())
                            .flatMap(read -> {
                                if (read instanceof Read.Book book) {
                                    Instant fetched = Instant.now();
                                    metrics.gradebook(MainMetrics.GradebookRead.fresh);
                                    return store.snapshotFetched(studentId, toJson(book.book()), fetched)
                                            .replaceWith(view(book.book(), fetched, false, false, fetched));
                                }
                                return store.dropConnection(studentId).map(ignored -> {
                                    if (snapshot == null) {
                                        throw new ApiException(404, "gradebook_not_connected",
                                                "the record-book session has ended: connect again", Map.of("reconnect_required", true));
                                    }
                                    return stored(snapshot, true, true, now);
                                });
                            })
                            .onFailure().transform(failure -> Upstreams.map(GradebookClient.UPSTREAM, failure))
                            .onFailure(UpstreamException.class).recoverWithUni(failure -> {
                                if (snapshot == null) {
                                    return Uni.createFrom().failure(failure);
                                }
                                LOG.debugf("gradebook upstream failed (%s): serving the stored copy", failure.getMessage());
                                return Uni.createFrom().item(stored(snapshot, true, false, now));
                            });
                })));
    }

    public Uni<Void> disconnect(long studentId) {
        return students.existing(studentId).chain(() -> store.forget(studentId));
    }

    private UpstreamSession open(long studentId, GradebookStore.Connection connection) {
        byte[] plain = cipher.open(studentId, connection.sealed());
        return plain == null ? null : UpstreamSession.parse(new String(plain, StandardCharsets.UTF_8));
    }

    private GradebookView stored(GradebookStore.Snapshot snapshot, boolean stale, boolean reconnect, Instant now) {
        metrics.gradebook(reconnect && stale ? MainMetrics.GradebookRead.reconnect
                : stale ? MainMetrics.GradebookRead.stale : MainMetrics.GradebookRead.stored);
        RecordBook book;
        try {
            book = json.readValue(snapshot.book().encode(), RecordBook.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record book does not read back", e);
        }
        return view(book, snapshot.fetchedAt(), stale, reconnect, now);
    }

    private static GradebookView view(RecordBook book, Instant fetchedAt, boolean stale, boolean reconnect, Instant now) {
        return new GradebookView(book.ordersTypeName(), book.academicYears(), fetchedAt, stale,
                Math.max(0, Duration.between(fetchedAt, now).toSeconds()), reconnect);
    }

    private JsonObject toJson(RecordBook book) {
        try {
            return new JsonObject(json.writeValueAsString(book));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
