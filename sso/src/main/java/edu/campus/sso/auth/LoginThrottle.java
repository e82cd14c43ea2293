package edu.campus.sso.auth;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.sso.SsoConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sign-in throttling, counted in PostgreSQL so that every instance sees the same counts (Keycloak's model). Each attempt
 * is counted <em>before</em> its password is checked, atomically, against three keys: the (username, address) pair, the
 * username alone (at a higher count, and never from an address the owner has signed in from) and the address. A key past
 * its maximum within the window is locked, each lock of the same key longer than the last. Parallel wrong passwords for
 * one username therefore cost at most the pair's maximum in password hashes.
 */
@ApplicationScoped
public class LoginThrottle {

    /** What the attempt may do: go on (then {@code lockedNow} keys were locked by it), or wait {@code retryAfter} seconds. */
    public record Attempt(long retryAfter, int lockedNow) {
        public boolean refused() {
            return retryAfter > 0;
        }
    }

    private final Pool pool;
    private final SsoConfig.Login config;

    LoginThrottle(Pool pool, SsoConfig config) {
        this.pool = pool;
        this.config = config.login();
    }

    static String pairKey(String username, String address) {
        return "pair:" + normal(username) + "|" + address;
    }

    static String userKey(String username) {
        return "user:" + normal(username);
    }

    static String addressKey(String address) {
        return "addr:" + address;
    }

    private static String normal(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    /** Counts an attempt against its keys, before the password is checked. */
    public Uni<Attempt> attempt(String username, String address) {
        return known(username, address).flatMap(known -> {
            List<String> keys = new ArrayList<>(3);
            List<Integer> limits = new ArrayList<>(3);
            keys.add(pairKey(username, address));
            limits.add(config.maxFailuresPerPair());
            if (!known) {
                keys.add(userKey(username));
                limits.add(config.maxFailuresPerUsername());
            }
            keys.add(addressKey(address));
            limits.add(config.maxFailuresPerAddress());
            return attempt(keys, limits);
        });
    }

    /**
     * A service's client-credentials attempt, counted like a sign-in against (client id, address) and the address (keys
     * of their own: a service's retries never lock people out).
     */
    public Uni<Attempt> clientAttempt(String clientId, String address) {
        return attempt(List.of(clientKey(clientId, address), "client-addr:" + address),
                List.of(config.maxFailuresPerPair(), config.maxFailuresPerAddress()));
    }

    /** A client's right secret: its (client id, address) key starts afresh. */
    public Uni<Void> clientSucceeded(String clientId, String address) {
        return pool.preparedQuery("delete from login_failures where throttle_key = $1").execute(Tuple.of(clientKey(clientId, address)))
                .replaceWithVoid();
    }

    static String clientKey(String clientId, String address) {
        return "client:" + clientId + "|" + address;
    }

    private Uni<Attempt> attempt(List<String> keys, List<Integer> limits) {
        return pool.preparedQuery("""
                select a.retry_after, a.locked_now
                from unnest($1::varchar[], $2::int[]) with ordinality as k(key, max, n)
                cross join lateral login_attempt(k.key, k.max, make_interval(secs => $3), make_interval(secs => $4),
                                                 make_interval(secs => $5), make_interval(secs => $6)) a
                order by k.n
                """)
                .execute(Tuple.of(keys.toArray(String[]::new), limits.toArray(Integer[]::new),
                        (double) config.failureWindow().toSeconds(), (double) config.blockFor().toSeconds(),
                        (double) config.maxBlock().toSeconds(), (double) config.forgetLocksAfter().toSeconds()))
                .map(rows -> {
                    long retryAfter = 0;
                    int locked = 0;
                    for (Row row : rows) {
                        retryAfter = Math.max(retryAfter, row.getLong("retry_after"));
                        if (Boolean.TRUE.equals(row.getBoolean("locked_now"))) {
                            locked++;
                        }
                    }
                    return new Attempt(retryAfter, locked);
                });
    }

    private Uni<Boolean> known(String username, String address) {
        return pool.preparedQuery("select 1 from login_known_addresses where username = $1 and address = $2 and last_success_at > $3")
                .execute(Tuple.of(normal(username), address,
                        OffsetDateTime.now().minus(config.knownAddressFor())))
                .map(rows -> rows.iterator().hasNext());
    }

    /**
     * A successful sign-in: the pair and the username start afresh, the address gets this attempt back (a campus network
     * behind one address is many people), and the address becomes known for the username.
     */
    public Uni<Void> succeeded(String username, String address) {
        return pool.withTransaction(tx -> tx.preparedQuery("delete from login_failures where throttle_key = any($1)")
                .execute(Tuple.of(new String[] { pairKey(username, address), userKey(username) }))
                .flatMap(deleted -> tx.preparedQuery("""
                        update login_failures set failures = greatest(failures - 1, 0),
                               locks = case when blocked_until is not null and failures - 1 < $2 then greatest(locks - 1, 0) else locks end,
                               blocked_until = case when failures - 1 < $2 then null else blocked_until end
                        where throttle_key = $1
                        """).execute(Tuple.of(addressKey(address), config.maxFailuresPerAddress())))
                .flatMap(updated -> tx.preparedQuery("""
                        insert into login_known_addresses (username, address) values ($1, $2)
                        on conflict (username, address) do update set last_success_at = now()
                        """).execute(Tuple.of(normal(username), address))))
                .replaceWithVoid();
    }

    /** Forgets what no longer matters: rows quiet for longer than the lock memory, and known addresses past their time. */
    public Uni<Integer> purge() {
        return pool.preparedQuery("delete from login_failures where updated_at < now() - make_interval(secs => $1) "
                + "and (blocked_until is null or blocked_until < now())")
                .execute(Tuple.of((double) config.forgetLocksAfter().toSeconds()))
                .flatMap(failures -> pool.preparedQuery("delete from login_known_addresses where last_success_at < $1")
                        .execute(Tuple.of(OffsetDateTime.now().minus(config.knownAddressFor())))
                        .map(known -> failures.rowCount() + known.rowCount()));
    }
}
