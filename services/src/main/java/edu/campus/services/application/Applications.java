package edu.campus.services.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.common.launch.LaunchPrincipal;
import edu.campus.services.ServicesConfig;
import edu.campus.services.ServicesMetrics;
import edu.campus.services.application.ApplicationDtos.ApplicationDetail;
import edu.campus.services.application.ApplicationDtos.ApplicationSummary;
import edu.campus.services.application.ApplicationDtos.ReplyView;
import edu.campus.services.application.ApplicationStore.Found;
import edu.campus.services.application.ApplicationStore.Locked;
import edu.campus.services.catalog.FormSchema;
import edu.campus.services.catalog.ServiceStore;
import edu.campus.services.file.FileStore;
import edu.campus.services.file.FileView;
import edu.campus.services.file.Uploads;
import edu.campus.services.people.Actor;
import edu.campus.services.people.ActorKind;
import edu.campus.services.people.PeopleStore;
import edu.campus.services.people.PersonKind;
import edu.campus.services.people.PersonStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Students' applications and the desk's work on them. Who may see what: a student their own, an executor the ones
 * assigned to them, staff their department's, admins all; anything else is a 404, exactly as if it did not exist.
 * Every change runs in one transaction with its history entry, on the application's row lock.
 */
@ApplicationScoped
public class Applications {

    /** What a submit came to: the application, and whether it was created now or found by its idempotency key. */
    public record Submitted(ApplicationDetail application, boolean created) {
    }

    /** The same key arrived twice at once: the second insert found the first one's row. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    private final Pool db;
    private final ApplicationStore store;
    private final HistoryStore history;
    private final ReplyStore replies;
    private final FileStore files;
    private final ServiceStore services;
    private final PeopleStore people;
    private final Uploads uploads;
    private final ObjectMapper json;
    private final ServicesMetrics metrics;
    private final ApplicationEvents events;
    private final long countCap;

    Applications(Pool db, ApplicationStore store, HistoryStore history, ReplyStore replies, FileStore files, ServiceStore services,
            PeopleStore people, Uploads uploads, ObjectMapper json, ServicesMetrics metrics, ServicesConfig config,
            ApplicationEvents events) {
        this.db = db;
        this.store = store;
        this.history = history;
        this.replies = replies;
        this.files = files;
        this.services = services;
        this.people = people;
        this.uploads = uploads;
        this.json = json;
        this.metrics = metrics;
        this.countCap = config.deskCountCap();
        this.events = events;
    }

    // --- students ---------------------------------------------------------------------------------------------------

    /**
     * A student's submit: the form checked against the service's, the files against the limits and their content, then
     * the application, its history and its files in one transaction. With an idempotency key, a repeat (even a
     * concurrent one) answers the first application; the same key for another service is a 422.
     */
    public Uni<Submitted> submit(LaunchPrincipal student, long serviceId, String formText, List<FileUpload> uploaded, String key) {
        Uni<Submitted> replay = key == null ? Uni.createFrom().nullItem()
                : store.byIdempotencyKey(student.studentId(), key).flatMap(existing -> existing.isEmpty() ? Uni.createFrom().nullItem()
                        : replayed(student, serviceId, existing.get()));
        return replay.flatMap(earlier -> earlier != null ? Uni.createFrom().item(earlier)
                : create(student, serviceId, formText, uploaded, key));
    }

    private Uni<Submitted> create(LaunchPrincipal student, long serviceId, String formText, List<FileUpload> uploaded, String key) {
        return services.byId(serviceId).flatMap(found -> {
            if (found.isEmpty() || !found.get().open()) {
                throw ApiException.notFound("service", serviceId);
            }
            var service = found.get().view();
            FormSchema form = service.form();
            Map<String, Object> answers = form.check(parse(formText), Uploads.countByPart(uploaded));
            if (service.requiresFiles() && uploaded.isEmpty()) {
                throw ApiException.validation(FormSchema.ATTACHMENTS, "this service needs at least one file");
            }
            Set<String> fileFields = form.fields().stream().filter(f -> f.type() == FormSchema.FieldType.file)
                    .map(FormSchema.Field::name).collect(Collectors.toSet());
            String answersJson = write(answers);
            return uploads.check(uploaded).flatMap(checked -> db.withTransaction(tx -> store
                    .insert(tx, serviceId, service.departmentId(), student, answersJson, key)
                    .flatMap(id -> {
                        if (id.isEmpty()) {
                            throw new KeyTaken();
                        }
                        return history.add(tx, id.get(), ActorKind.student, student.studentId(), student.name(), HistoryAction.submitted,
                                null, ApplicationStatus.pending, null)
                                .flatMap(ignored -> uploads.store(tx, id.get(), null, checked, fileFields))
                                .flatMap(ignored -> events.submitted(tx, new ApplicationEvents.Submitted(id.get(), serviceId,
                                        service.departmentId(), student.studentId(), ApplicationStatus.pending, checked.size())))
                                .replaceWith(id.get());
                    })))
                    .invoke(id -> metrics.submitted(uploaded.size()))
                    .flatMap(id -> detail(id).map(detail -> new Submitted(detail, true)))
                    .onFailure(KeyTaken.class).recoverWithUni(taken -> store.byIdempotencyKey(student.studentId(), key)
                            .flatMap(existing -> replayed(student, serviceId, existing.orElseThrow())));
        });
    }

    private Uni<Submitted> replayed(LaunchPrincipal student, long serviceId, ApplicationStore.Existing existing) {
        if (existing.serviceId() != serviceId) {
            throw new ApiException(422, "idempotency_key_reused", "this Idempotency-Key was used for another service's application",
                    Map.of("application_id", existing.id()));
        }
        metrics.replayed();
        return detail(existing.id()).map(detail -> new Submitted(detail, false));
    }

    public Uni<Page<ApplicationSummary>> mine(LaunchPrincipal student, int page, int size) {
        return store.ofStudent(student.studentId(), page, size);
    }

    public Uni<ApplicationDetail> mine(LaunchPrincipal student, long id) {
        return store.byId(id).flatMap(found -> {
            if (found.isEmpty() || found.get().summary().studentId() != student.studentId()) {
                throw ApiException.notFound("application", id);
            }
            return detail(found.get());
        });
    }

    // --- the desk ---------------------------------------------------------------------------------------------------

    public Uni<DeskPage> desk(Actor actor, DeskQuery query, int page, int size) {
        DeskQuery scoped = switch (actor.kind()) {
            case admin -> query;
            case staff -> new DeskQuery(actor.departmentId(), null, query.status(), query.service(), query.executor(), query.unassigned(),
                    query.text(), query.sort());
            default -> new DeskQuery(null, actor.id(), query.status(), query.service(), query.executor(), query.unassigned(),
                    query.text(), query.sort());
        };
        if (actor.kind() == ActorKind.staff && query.department() != null && !query.department().equals(actor.departmentId())) {
            return Uni.createFrom().item(new DeskPage(List.of(), page, size, 0, false));
        }
        return store.desk(scoped, page, size, countCap);
    }

    public Uni<ApplicationDetail> desk(Actor actor, long id) {
        return store.byId(id).flatMap(found -> {
            if (found.isEmpty() || !sees(actor, found.get().summary().departmentId(), found.get().summary().executorId())) {
                throw ApiException.notFound("application", id);
            }
            return detail(found.get());
        });
    }

    /** Moves the application along the workflow; 409 illegal_transition for anything else. */
    public Uni<ApplicationDetail> changeStatus(Actor actor, long id, ApplicationStatus next, String comment) {
        return db.withTransaction(tx -> locked(tx, actor, id).flatMap(app -> {
            if (!app.status().canMoveTo(next)) {
                throw new ApiException(409, "illegal_transition", "an application cannot go from " + app.status() + " to " + next,
                        Map.of("from", app.status().name(), "to", next.name()));
            }
            String note = comment == null || comment.isBlank() ? null : comment.strip();
            return store.setStatus(tx, id, next)
                    .flatMap(ignored -> history.add(tx, id, actor, HistoryAction.status_changed, app.status(), next, note))
                    .flatMap(ignored -> events.statusChanged(tx, new ApplicationEvents.StatusChanged(id, app.departmentId(), app.studentId(),
                            app.status(), next, actor.kind())));
        })).invoke(() -> metrics.transition(next)).flatMap(ignored -> detail(id));
    }

    /** Staff and admins assign an executor of the application's department, or nobody (null); the same twice changes nothing. */
    public Uni<ApplicationDetail> assign(Actor actor, long id, Long executorId) {
        if (actor.isExecutor()) {
            return Uni.createFrom().failure(ApiException.forbidden("executors cannot assign applications"));
        }
        return db.withTransaction(tx -> locked(tx, actor, id).flatMap(app -> {
            if (app.status().isFinal()) {
                throw new ApiException(409, "application_closed", "the application is " + app.status() + "; it keeps its executor",
                        Map.of("status", app.status().name()));
            }
            if (executorId == null) {
                return app.executorId() == null ? Uni.createFrom().voidItem()
                        : store.setExecutor(tx, id, null).flatMap(ignored -> history.add(tx, id, actor, HistoryAction.unassigned,
                                app.status(), app.status(), "executor " + app.executorId()))
                                .flatMap(ignored -> events.assigned(tx, new ApplicationEvents.Assigned(id, app.departmentId(), app.studentId(),
                                        null)));
            }
            if (executorId.equals(app.executorId())) {
                return Uni.createFrom().voidItem();
            }
            return people.byId(PersonKind.executor, executorId).flatMap(executor -> {
                if (executor.isEmpty() || executor.get().departmentId() != app.departmentId()
                        || executor.get().status() != PersonStatus.active) {
                    throw new ApiException(422, "executor_not_available", "no active executor with this id in the application's department",
                            Map.of("executor_id", executorId));
                }
                return store.setExecutor(tx, id, executorId)
                        .flatMap(ignored -> history.add(tx, id, actor, HistoryAction.assigned, app.status(), app.status(),
                                executor.get().fullName()))
                        .flatMap(ignored -> events.assigned(tx, new ApplicationEvents.Assigned(id, app.departmentId(), app.studentId(),
                                executorId)));
            });
        })).flatMap(ignored -> detail(id));
    }

    /** A reply with a message and files; the application's updated_at moves, its status does not. */
    public Uni<ApplicationDetail> reply(Actor actor, long id, String message, List<FileUpload> uploaded) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > 10_000 || text.indexOf('\0') >= 0) {
            return Uni.createFrom().failure(ApiException.validation("message", "must be 1 to 10000 characters of text"));
        }
        return uploads.check(uploaded).flatMap(checked -> db.withTransaction(tx -> locked(tx, actor, id)
                .flatMap(app -> replies.insert(tx, id, actor, text)
                        .flatMap(replyId -> uploads.store(tx, id, replyId, checked, Set.of())
                                .flatMap(ignored -> history.add(tx, id, actor, HistoryAction.replied, app.status(), app.status(), null))
                                .flatMap(ignored -> store.touch(tx, id))
                                .flatMap(ignored -> events.replied(tx, new ApplicationEvents.Replied(id, replyId, app.departmentId(),
                                        app.studentId(), actor.kind(), checked.size())))))))
                .invoke(() -> metrics.replied())
                .flatMap(ignored -> detail(id));
    }

    // --- files ------------------------------------------------------------------------------------------------------

    /** A file of the student's own application (or of a reply to it); 404 otherwise. */
    public Uni<FileStore.Meta> fileOf(LaunchPrincipal student, long fileId) {
        return file(fileId, found -> found.summary().studentId() == student.studentId());
    }

    /** A file of an application the actor sees; 404 otherwise. */
    public Uni<FileStore.Meta> fileOf(Actor actor, long fileId) {
        return file(fileId, found -> sees(actor, found.summary().departmentId(), found.summary().executorId()));
    }

    private Uni<FileStore.Meta> file(long fileId, java.util.function.Predicate<Found> allowed) {
        return files.meta(fileId).flatMap(meta -> {
            if (meta.isEmpty()) {
                throw ApiException.notFound("file", fileId);
            }
            return store.byId(meta.get().applicationId()).map(found -> {
                if (found.isEmpty() || !allowed.test(found.get())) {
                    throw ApiException.notFound("file", fileId);
                }
                return meta.get();
            });
        });
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    private static boolean sees(Actor actor, long departmentId, Long executorId) {
        return switch (actor.kind()) {
            case admin -> true;
            case staff -> actor.departmentId() == departmentId;
            case executor -> executorId != null && executorId == actor.id();
            default -> false;
        };
    }

    private Uni<Locked> locked(SqlConnection tx, Actor actor, long id) {
        return store.lock(tx, id).map(found -> found.filter(app -> sees(actor, app.departmentId(), app.executorId()))
                .orElseThrow(() -> ApiException.notFound("application", id)));
    }

    private Uni<ApplicationDetail> detail(long id) {
        return store.byId(id).flatMap(found -> detail(found.orElseThrow(() -> ApiException.notFound("application", id))));
    }

    private Uni<ApplicationDetail> detail(Found found) {
        long id = found.summary().id();
        return Uni.combine().all().unis(files.of(id), replies.of(id), history.of(id)).asTuple().map(parts -> {
            List<FileView> own = new ArrayList<>();
            Map<Long, List<FileView>> byReply = new java.util.HashMap<>();
            for (FileStore.Stored stored : parts.getItem1()) {
                if (stored.replyId() == 0) {
                    own.add(stored.view());
                } else {
                    byReply.computeIfAbsent(stored.replyId(), r -> new ArrayList<>()).add(stored.view());
                }
            }
            List<ReplyView> replyViews = parts.getItem2().stream().map(r -> new ReplyView(r.id(), r.authorKind(), r.authorName(), r.message(),
                    r.createdAt(), byReply.getOrDefault(r.id(), List.of()))).toList();
            ApplicationSummary s = found.summary();
            return new ApplicationDetail(s.id(), s.serviceId(), s.serviceName(), s.departmentId(), s.departmentName(), s.studentId(),
                    s.studentName(), s.studentEmail(), s.studentGroup(), s.status(), s.executorId(), s.executorName(), s.createdAt(),
                    s.updatedAt(), read(found.formJson()), own, replyViews, parts.getItem3());
        });
    }

    private JsonNode parse(String formText) {
        if (formText == null || formText.isBlank()) {
            return null;
        }
        try {
            return json.readTree(formText);
        } catch (JsonProcessingException e) {
            throw ApiException.validation("form", "is not valid JSON");
        }
    }

    private JsonNode read(String formJson) {
        try {
            return json.readTree(formJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored answers do not read", e);
        }
    }

    private String write(Map<String, Object> answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
