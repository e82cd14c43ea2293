package edu.campus.traffic.account;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The {@code inactive_accounts} table: traffic's SSO accounts that SSO deactivated or deleted. */
@ApplicationScoped
public class AccountStore {

    private final Pool db;

    AccountStore(Pool db) {
        this.db = db;
    }

    /** The account stops acting here; true when it was acting until now. */
    Uni<Boolean> deactivate(SqlClient tx, long userId) {
        return tx.preparedQuery("insert into inactive_accounts (user_id) values ($1) on conflict (user_id) do nothing")
                .execute(Tuple.of(userId)).map(rows -> rows.rowCount() == 1);
    }

    /** The account acts again; true when it was inactive until now. */
    Uni<Boolean> activate(SqlClient tx, long userId) {
        return tx.preparedQuery("delete from inactive_accounts where user_id = $1").execute(Tuple.of(userId))
                .map(rows -> rows.rowCount() == 1);
    }

    Uni<Boolean> inactive(long userId) {
        return db.preparedQuery("select exists (select 1 from inactive_accounts where user_id = $1)").execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }
}
