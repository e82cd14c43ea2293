package edu.campus.services.people;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.common.api.Page;
import edu.campus.common.error.ApiException;
import edu.campus.common.sso.SsoModel.AccountUpsert;
import edu.campus.common.sso.SsoModel.ProvisionedAccount;
import edu.campus.common.sso.client.SsoClient;
import edu.campus.services.application.ApplicationEvents;
import edu.campus.services.application.ApplicationStore;
import edu.campus.services.application.HistoryAction;
import edu.campus.services.application.HistoryStore;
import edu.campus.services.people.PeopleDtos.NewPerson;
import edu.campus.services.people.PeopleDtos.PersonView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Staff and executors, kept in step with SSO. Creating: our row first ({@code pending_sso}), then SSO's account with
 * entity id = the row's id and an invitation; SSO unreachable → the row stays pending and {@link #settle} finishes it;
 * SSO refusing (the username is taken) → the row goes and the refusal is the answer. Deleting: the row stops acting at
 * once ({@code deleting}), then SSO's account goes, then the row; SSO unreachable → {@link #settle} finishes it. So SSO
 * never holds an account without a row here, and no active row lacks its account.
 */
@ApplicationScoped
public class People {

    private static final Logger LOG = Logger.getLogger(People.class);

    /** What a deletion came to: done, or accepted and left to the retry job (SSO could not be reached). */
    public record Deletion(boolean done, PersonView person) {
    }

    private final Pool db;
    private final PeopleStore store;
    private final ApplicationStore applications;
    private final HistoryStore history;
    private final SsoClient sso;
    private final ApplicationEvents events;

    People(Pool db, PeopleStore store, ApplicationStore applications, HistoryStore history, SsoClient sso, ApplicationEvents events) {
        this.db = db;
        this.store = store;
        this.applications = applications;
        this.history = history;
        this.sso = sso;
        this.events = events;
    }

    public Uni<Page<PersonView>> list(PersonKind kind, long departmentId, int page, int size) {
        return store.list(kind, departmentId, page, size);
    }

    /** A person of a department the actor manages; 404 otherwise (no existence leak). */
    public Uni<PersonView> view(Actor actor, PersonKind kind, long id) {
        return store.view(kind, id).map(found -> found.filter(p -> actor.manages(p.departmentId()))
                .orElseThrow(() -> ApiException.notFound(kind.name(), id)));
    }

    public Uni<PersonView> create(PersonKind kind, long departmentId, NewPerson person) {
        String name = person.fullName().strip();
        return store.insert(kind, departmentId, name, person.username())
                .flatMap(id -> upsert(kind, id, name, person.username(), true)
                        .flatMap(account -> store.confirm(kind, id, account.userId(), account.username())
                                .flatMap(ignored -> store.view(kind, id))
                                .map(view -> view.orElseThrow().withInvitation(account.invitation())))
                        .onFailure(People::refusedBySso).call(refused -> store.markDeleting(kind, id)
                                .flatMap(ignored -> db.withTransaction(tx -> store.delete(tx, kind, id))))
                        .onFailure(failure -> !refusedBySso(failure)).recoverWithUni(failure -> {
                            LOG.warnf("%s %d created; SSO account deferred to the retry job: %s", kind, id, failure.getMessage());
                            return store.failed(kind, id, describe(failure)).flatMap(ignored -> store.view(kind, id))
                                    .map(view -> view.orElseThrow());
                        }));
    }

    /** A fresh invitation (the previous one stops working); 409 when the person has set a password already. */
    public Uni<PersonView> invite(Actor actor, PersonKind kind, long id) {
        return view(actor, kind, id).flatMap(person -> {
            if (person.status() != PersonStatus.active) {
                throw new ApiException(409, "account_not_ready", "the SSO account is not confirmed yet (status " + person.status() + ")",
                        Map.of("status", person.status().name()));
            }
            return upsert(kind, id, person.fullName(), person.ssoUsername(), true).map(account -> {
                if (account.invitation() == null) {
                    throw new ApiException(409, "password_already_set", "the person has set a password already; no invitation is needed",
                            Map.of());
                }
                return person.withInvitation(account.invitation());
            });
        });
    }

    public Uni<Deletion> delete(Actor actor, PersonKind kind, long id) {
        return view(actor, kind, id)
                .flatMap(person -> store.markDeleting(kind, id))
                .flatMap(ignored -> finishDeletion(kind, id, actor))
                .replaceWith(new Deletion(true, null))
                .onFailure(failure -> !(failure instanceof ApiException api && api.status() == 404)).recoverWithUni(failure -> {
                    LOG.warnf("%s %d: SSO deletion deferred to the retry job: %s", kind, id, failure.getMessage());
                    return store.failed(kind, id, describe(failure)).flatMap(ignored -> store.view(kind, id))
                            .map(view -> new Deletion(false, view.orElse(null)));
                });
    }

    /** One pass of the retry job: pending accounts created, unfinished deletions finished. How many were settled. */
    public Uni<Integer> settle(long quietSeconds, int batch) {
        return Multi.createFrom().items(PersonKind.values())
                .onItem().transformToUniAndConcatenate(kind -> store.unsettled(kind, quietSeconds, batch))
                .onItem().transformToMultiAndConcatenate(people -> Multi.createFrom().iterable(people))
                .onItem().transformToUniAndConcatenate(person -> settleOne(person)
                        .onFailure().recoverWithUni(failure -> store.failed(person.kind(), person.id(), describe(failure)).replaceWith(false)))
                .collect().asList().map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> settleOne(PeopleStore.Person person) {
        if (person.status() == PersonStatus.deleting) {
            return finishDeletion(person.kind(), person.id(), null).replaceWith(true);
        }
        return upsert(person.kind(), person.id(), person.fullName(), person.username(), false)
                .flatMap(account -> store.confirm(person.kind(), person.id(), account.userId(), account.username())).replaceWith(true);
    }

    /** SSO first (idempotent there), then the row; an executor's applications lose their executor, in their history. */
    private Uni<Void> finishDeletion(PersonKind kind, long id, Actor actor) {
        Uni<Void> inSso = kind == PersonKind.staff ? sso.deleteStaff(id) : sso.deleteExecutor(id);
        return inSso.flatMap(ignored -> db.withTransaction(tx -> {
            Uni<List<ApplicationStore.Locked>> unassigned = kind == PersonKind.executor ? applications.unassignExecutor(tx, id)
                    : Uni.createFrom().item(List.of());
            return unassigned.flatMap(apps -> Multi.createFrom().iterable(apps)
                    .onItem().transformToUniAndConcatenate(app -> (actor == null
                            ? history.add(tx, app.id(), ActorKind.system, null, null, HistoryAction.unassigned, app.status(), app.status(),
                                    "executor " + id + " deleted")
                            : history.add(tx, app.id(), actor, HistoryAction.unassigned, app.status(), app.status(),
                                    "executor " + id + " deleted"))
                            .flatMap(noted -> events.assigned(tx, new ApplicationEvents.Assigned(app.id(), app.departmentId(),
                                    app.studentId(), null))))
                    .collect().last())
                    .flatMap(ignored2 -> store.delete(tx, kind, id));
        }));
    }

    private Uni<ProvisionedAccount> upsert(PersonKind kind, long id, String fullName, String username, boolean invite) {
        AccountUpsert account = new AccountUpsert(id, fullName, null, username, invite);
        return kind == PersonKind.staff ? sso.upsertStaff(account) : sso.upsertExecutor(account);
    }

    /** SSO answered about the request itself (409 username taken, 422): retrying would not help. */
    private static boolean refusedBySso(Throwable failure) {
        return failure instanceof ApiException api && (api.status() == 409 || api.status() == 422);
    }

    private static String describe(Throwable failure) {
        String message = failure instanceof ApiException api ? api.errorCode() + ": " + api.getMessage() : String.valueOf(failure.getMessage());
        return message.length() > 500 ? message.substring(0, 500) : message;
    }
}
