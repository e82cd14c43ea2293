package edu.campus.sso.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import edu.campus.common.error.ApiException;
import edu.campus.common.error.ErrorCodes;
import edu.campus.common.sso.SsoModel.ServiceToken;
import edu.campus.common.token.Secrets;
import edu.campus.sso.SsoConfig;
import edu.campus.sso.SsoMetrics;
import edu.campus.sso.auth.DecoyHash;
import edu.campus.sso.auth.LoginThrottle;
import edu.campus.sso.keys.SigningKeys;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * Calling services (traffic, services, the bot) and their client-credentials tokens. Clients come from
 * configuration and are stored with a bcrypt hash of their secret (and a keyed fingerprint that lets a start skip
 * re-checking an unchanged secret); a token carries the client's scopes.
 */
@ApplicationScoped
public class ServiceClients {

    private static final Logger LOG = Logger.getLogger(ServiceClients.class);

    private final ServiceClientStore store;
    private final Vertx vertx;
    private final SigningKeys keys;
    private final SsoConfig config;
    private final SsoMetrics metrics;

    private final LoginThrottle throttle;
    /** Compared against for an unknown or disabled client id, so that the answer takes as long as for a known one. */
    private final DecoyHash decoy;

    ServiceClients(ServiceClientStore store, Vertx vertx, SigningKeys keys, SsoConfig config, SsoMetrics metrics, LoginThrottle throttle, DecoyHash decoy) {
        this.metrics = metrics;
        this.throttle = throttle;
        this.decoy = decoy;
        this.store = store;
        this.vertx = vertx;
        this.keys = keys;
        this.config = config;
    }

    /** What a start did with a configured client's secret. */
    public enum SecretCheck {
        /** the fingerprint matched the stored hash and the configured secret: no bcrypt round */
        UNCHANGED,
        /** no matching fingerprint (new column, rotated signing key, hash changed elsewhere), bcrypt confirmed the secret */
        VERIFIED,
        /** a new client or a changed secret: hashed */
        HASHED
    }

    void onStart(@Observes StartupEvent event) {
        sync();
    }

    /**
     * Configuration is the source of truth: each configured client is stored (enabled), its hash replaced only when the
     * secret changed; a stored client no longer configured is disabled. Whether a secret changed is seen from its keyed
     * fingerprint when one is stored (a comparison), else by a bcrypt round, after which the fingerprint is stored.
     */
    Map<String, SecretCheck> sync() {
        int disabled = store.disableAllBut(config.clients().keySet()).await().indefinitely();
        if (disabled > 0) {
            LOG.infof("disabled %d service client(s) no longer configured", disabled);
        }
        Map<String, SecretCheck> checks = new TreeMap<>();
        byte[] printKey = fingerprintKey();
        for (Map.Entry<String, SsoConfig.Client> client : config.clients().entrySet()) {
            String id = client.getKey();
            String secret = client.getValue().secret();
            String scopes = String.join(" ", client.getValue().scopes());
            ServiceClientStore.StoredSecret row = store.secret(id).await().indefinitely().orElse(null);
            String stored = row == null ? null : row.hash();
            String storedPrint = stored == null ? null : fingerprint(printKey, id, secret, stored);
            SecretCheck check;
            if (stored != null && MessageDigest.isEqual(bytes(storedPrint), bytes(row.fingerprint()))) {
                check = SecretCheck.UNCHANGED;
            } else if (stored != null && BcryptUtil.matches(secret, stored)) {
                check = SecretCheck.VERIFIED;
            } else {
                check = SecretCheck.HASHED;
            }
            String hash = check == SecretCheck.HASHED ? BcryptUtil.bcryptHash(secret, config.login().bcryptCost()) : stored;
            String print = check == SecretCheck.HASHED ? fingerprint(printKey, id, secret, hash) : storedPrint;
            store.upsert(id, hash, print, scopes).await().indefinitely();
            LOG.infof("service client '%s' with scopes [%s] (secret %s)", id, scopes, check.name().toLowerCase(Locale.ROOT));
            checks.put(id, check);
        }
        return checks;
    }

    /** The fingerprints' key: derived from the signing key, so only this sso can make or check a print. */
    private byte[] fingerprintKey() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("campus-sso service-client fingerprint\0".getBytes(StandardCharsets.UTF_8));
            return sha.digest(keys.privateKey().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** HMAC-SHA256 of client id, secret and stored hash under the fingerprints' key, in hex. */
    private static String fingerprint(byte[] key, String clientId, String secret, String hash) {
        String message = clientId + '\0' + secret + '\0' + hash;
        return HexFormat.of().formatHex(Secrets.hmacSha256(key, message.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A service token for the client's credentials. Attempts are counted per (client id, address) and address before the
     * secret is checked; an unknown or disabled client id costs the same hash as a known one.
     */
    public Uni<ServiceToken> token(String clientId, String secret, String address) {
        return throttle.clientAttempt(clientId, address).flatMap(attempt -> {
            if (attempt.refused()) {
                metrics.serviceToken("throttled");
                return Uni.createFrom().failure(new ApiException(429, ErrorCodes.TOO_MANY_REQUESTS,
                        "too many failed client sign-ins; try again later", Map.of("retry_after_seconds", attempt.retryAfter())));
            }
            return store.enabled(clientId)
                    .flatMap(found -> {
                        ServiceClientStore.Credentials row = found.orElse(null);
                        String hash = row == null ? null : row.hash();
                        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.matches(secret, hash == null ? decoy.get() : hash)
                                && hash != null), false)
                                .flatMap(ok -> {
                                    metrics.serviceToken(ok ? "granted" : "refused");
                                    if (!ok) {
                                        return Uni.createFrom().<ServiceToken> failure(ApiException.unauthorized("wrong client id or secret"));
                                    }
                                    return throttle.clientSucceeded(clientId, address)
                                            .replaceWith(issue(clientId, List.of(row.scopes().split(" "))));
                                });
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
