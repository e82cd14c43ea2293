package edu.campus.sso.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import edu.campus.sso.SsoConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Failed sign-ins per username and per client address, counted in PostgreSQL so that every instance sees the
 * same counts. Past the maximum within the window, the key is blocked for a while.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String RECORD = """
            insert into login_failures (throttle_key, failures, window_start, blocked_until)
            values ($1, 1, now(), case when 1 >= $2 then now() + make_interval(secs => $4) end)
            on conflict (throttle_key) do update set
              failures = case when login_failures.window_start < now() - make_interval(secs => $3)
                              then 1 else login_failures.failures + 1 end,
              window_start = case when login_failures.window_start < now() - make_interval(secs => $3)
                                  then now() else login_failures.window_start end,
              blocked_until = case when (case when login_failures.window_start < now() - make_interval(secs => $3)
                                              then 1 else login_failures.failures + 1 end) >= $2
                                   then now() + make_interval(secs => $4) else login_failures.blocked_until end
            returning failures = $2 as blocked_now
            """;

    private final Pool pool;
    private final SsoConfig.Login config;

    LoginThrottle(Pool pool, SsoConfig config) {
        this.pool = pool;
        this.config = config.login();
    }

    static String userKey(String username) {
        return "user:" + username.toLowerCase(java.util.Locale.ROOT);
    }

    static String addressKey(String address) {
        return "addr:" + address;
    }

    /** Seconds until the longest block among the keys ends; 0 when none is blocked. */
    public Uni<Long> blockedSeconds(List<String> keys) {
        return pool.preparedQuery("""
                select coalesce(ceil(extract(epoch from max(blocked_until) - now())), 0)::bigint as seconds
                from login_failures where throttle_key = any($1) and blocked_until > now()
                """)
                .execute(Tuple.of(keys.toArray(String[]::new)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return Math.max(0L, row.getLong("seconds"));
                });
    }

    /** Counts a failure for the username and the address; how many of the two keys this failure blocked. */
    public Uni<Integer> recordFailure(SqlClient tx, String username, String address) {
        double window = config.failureWindow().toSeconds();
        double block = config.blockFor().toSeconds();
        return tx.preparedQuery(RECORD)
                .executeBatch(List.of(
                        Tuple.of(userKey(username), config.maxFailuresPerUsername(), window, block),
                        Tuple.of(addressKey(address), config.maxFailuresPerAddress(), window, block)))
                .map(rows -> {
                    int blocked = 0;
                    for (RowSet<Row> result = rows; result != null; result = result.next()) {
                        for (Row row : result) {
                            if (Boolean.TRUE.equals(row.getBoolean("blocked_now"))) {
                                blocked++;
                            }
                        }
                    }
                    return blocked;
                });
    }

    public Uni<Void> clear(String username) {
        return pool.preparedQuery("delete from login_failures where throttle_key = $1")
                .execute(Tuple.of(userKey(username))).replaceWithVoid();
    }
}
