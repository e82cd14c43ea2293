package edu.campus.services.people;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;

import edu.campus.common.auth.Caller;
import edu.campus.common.auth.SsoPrincipal;
import edu.campus.common.error.ApiException;
import io.smallrye.mutiny.Uni;

/**
 * Who is at the desk: the SSO token says admin, staff or executor; staff and executors are then looked up in our own
 * rows on every request, so that one deleted here (or being deleted) loses access at once, not when the token expires.
 */
@ApplicationScoped
public class Actors {

    /** The actor of the current request, once {@link ActorFilter} resolved it (methods, not fields: it is a client proxy). */
    @RequestScoped
    static class Resolved {
        private Actor actor;

        Actor get() {
            return actor;
        }

        void set(Actor actor) {
            this.actor = actor;
        }
    }

    private final Caller caller;
    private final PeopleStore store;
    private final Resolved resolved;

    Actors(Caller caller, PeopleStore store, Resolved resolved) {
        this.caller = caller;
        this.store = store;
        this.resolved = resolved;
    }

    /** The caller at the desk (resolved once per request, before the body is read). */
    public Uni<Actor> current() {
        Actor actor = resolved.get();
        return actor != null ? Uni.createFrom().item(actor) : resolve().invoke(resolved::set);
    }

    private Uni<Actor> resolve() {
        SsoPrincipal principal = caller.get();
        String name = principal.fullName() == null ? principal.username() : principal.fullName();
        if ("admin".equals(principal.role())) {
            return Uni.createFrom().item(new Actor(ActorKind.admin, principal.userId(), null, name));
        }
        PersonKind kind = "staff".equals(principal.role()) ? PersonKind.staff : PersonKind.executor;
        if (principal.entityId() == null) {
            return Uni.createFrom().failure(inactive());
        }
        return store.byId(kind, principal.entityId()).map(found -> found
                .filter(person -> person.status() == PersonStatus.active)
                .map(person -> new Actor(kind == PersonKind.staff ? ActorKind.staff : ActorKind.executor, person.id(), person.departmentId(),
                        person.fullName()))
                .orElseThrow(Actors::inactive));
    }

    private static ApiException inactive() {
        return new ApiException(403, "account_inactive", "this account has no active staff or executor record in services", Map.of());
    }
}
