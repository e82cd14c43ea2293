package edu.campus.sso.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import edu.campus.common.error.ApiException;
import edu.campus.common.sso.SsoModel.ServiceToken;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.SsoMetrics;
import edu.campus.sso.keys.SigningKeys;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Calling services (traffic, services, the bot) and their client-credentials tokens. Clients come from
 * configuration and are stored with a bcrypt hash of their secret; a token carries the client's scopes.
 */
@ApplicationScoped
public class ServiceClients {

    private static final Logger LOG = Logger.getLogger(ServiceClients.class);

    private final Pool db;
    private final Vertx vertx;
    private final SigningKeys keys;
    private final SsoConfig config;
    private final SsoMetrics metrics;

    ServiceClients(Pool db, Vertx vertx, SigningKeys keys, SsoConfig config, SsoMetrics metrics) {
        this.metrics = metrics;
        this.db = db;
        this.vertx = vertx;
        this.keys = keys;
        this.config = config;
    }

    /** Configuration is the source of truth: each configured client is stored, its hash replaced only when the secret changed. */
    void sync(@Observes StartupEvent event) {
        for (Map.Entry<String, SsoConfig.Client> client : config.clients().entrySet()) {
            String id = client.getKey();
            String scopes = String.join(" ", client.getValue().scopes());
            var rows = db.preparedQuery("select secret_hash from service_clients where client_id = $1")
                    .execute(Tuple.of(id)).await().indefinitely();
            String stored = rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
            String hash = stored != null && BcryptUtil.matches(client.getValue().secret(), stored)
                    ? stored
                    : BcryptUtil.bcryptHash(client.getValue().secret(), config.login().bcryptCost());
            db.preparedQuery("""
                    insert into service_clients (client_id, secret_hash, scopes) values ($1, $2, $3)
                    on conflict (client_id) do update set secret_hash = excluded.secret_hash, scopes = excluded.scopes,
                      updated_at = now()
                    """).execute(Tuple.of(id, hash, scopes)).await().indefinitely();
            LOG.infof("service client '%s' with scopes [%s]", id, scopes);
        }
    }

    public Uni<ServiceToken> token(String clientId, String secret) {
        return db.preparedQuery("select secret_hash, scopes from service_clients where client_id = $1")
                .execute(Tuple.of(clientId))
                .flatMap(rows -> {
                    Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
                    String hash = row == null ? null : row.getString("secret_hash");
                    return vertx.executeBlocking(Uni.createFrom().item(() -> hash != null && BcryptUtil.matches(secret, hash)), false)
                            .map(ok -> {
                                metrics.serviceToken(ok ? "granted" : "refused");
                                if (!ok) {
                                    throw ApiException.unauthorized("wrong client id or secret");
                                }
                                return issue(clientId, List.of(row.getString("scopes").split(" ")));
                            });
                });
    }

    ServiceToken issue(String clientId, List<String> scopes) {
        Instant now = Instant.now();
        String scope = String.join(" ", scopes);
        String token = Jwt.issuer(config.jwt().issuer())
                .subject("client:" + clientId)
                .claim("client_id", clientId)
                .claim("scope", scope)
                .issuedAt(now)
                .expiresAt(now.plus(config.jwt().accessTtl()))
                .jws().keyId(keys.keyId()).sign(keys.privateKey());
        return new ServiceToken(token, "Bearer", config.jwt().accessTtl().toSeconds(), scope);
    }

}
