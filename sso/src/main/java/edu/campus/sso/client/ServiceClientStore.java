package edu.campus.sso.client;

import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.db.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code service_clients} table: calling services, a bcrypt hash of each one's secret, its keyed fingerprint, its scopes. */
@ApplicationScoped
public class ServiceClientStore {

    /** What is stored of a client's secret. */
    public record StoredSecret(String hash, String fingerprint) {
    }

    /** An enabled client's hash and its scopes (space-separated). */
    public record Credentials(String hash, String scopes) {
    }

    private final Pool db;

    ServiceClientStore(Pool db) {
        this.db = db;
    }

    /** Disables every enabled client whose id is not among {@code ids}; how many. */
    public Uni<Integer> disableAllBut(Collection<String> ids) {
        return db.preparedQuery("update service_clients set enabled = false, updated_at = now() "
                + "where enabled and not (client_id = any($1))")
                .execute(Tuple.of((Object) ids.toArray(String[]::new))).map(RowSet::rowCount);
    }

    /** The stored secret of a client, enabled or not; empty for an unknown id. */
    public Uni<Optional<StoredSecret>> secret(String clientId) {
        return db.preparedQuery("select secret_hash, secret_fingerprint from service_clients where client_id = $1")
                .execute(Tuple.of(clientId))
                .map(rows -> Rows.first(rows).map(row -> new StoredSecret(row.getString("secret_hash"), row.getString("secret_fingerprint"))));
    }

    /** Stores a client (enabled) with this hash, fingerprint and scopes, whether it existed or not. */
    public Uni<Void> upsert(String clientId, String hash, String fingerprint, String scopes) {
        return db.preparedQuery("""
                insert into service_clients (client_id, secret_hash, secret_fingerprint, scopes) values ($1, $2, $3, $4)
                on conflict (client_id) do update set secret_hash = excluded.secret_hash,
                  secret_fingerprint = excluded.secret_fingerprint, scopes = excluded.scopes, enabled = true, updated_at = now()
                """).execute(Tuple.of(clientId, hash, fingerprint, scopes)).replaceWithVoid();
    }

    /** An enabled client's credentials; empty for an unknown or disabled id. */
    public Uni<Optional<Credentials>> enabled(String clientId) {
        return db.preparedQuery("select secret_hash, scopes from service_clients where client_id = $1 and enabled")
                .execute(Tuple.of(clientId))
                .map(rows -> Rows.first(rows).map(row -> new Credentials(row.getString("secret_hash"), row.getString("scopes"))));
    }

}
