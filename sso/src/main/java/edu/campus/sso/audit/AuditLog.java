package edu.campus.sso.audit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.MDC;

import edu.campus.common.observability.RequestIds;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.smallrye.mutiny.Uni;

/** Critical actions (sign-ins, token family revocations, account changes), with who, what, and the request id. */
@ApplicationScoped
public class AuditLog {

    private final Pool pool;

    AuditLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(String actor, String action, String target, JsonObject details) {
        Object requestId = MDC.get(RequestIds.MDC_KEY);
        return pool.preparedQuery("insert into audit_log (actor, action, target, request_id, details) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(actor, action, target, requestId == null ? null : requestId.toString(), details))
                .replaceWithVoid();
    }
}
