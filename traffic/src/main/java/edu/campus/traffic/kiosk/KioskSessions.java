package edu.campus.traffic.kiosk;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * What kiosks need of attendance sessions, implemented by the session store: unbinding or deleting a kiosk ends its
 * active session in the same transaction. An interface here keeps {@code kiosk} free of {@code attendance}.
 */
public interface KioskSessions {

    /** Ends the kiosk's active session, if any, inside {@code tx}. */
    Uni<Void> closeActiveOnKiosk(SqlClient tx, long kioskId);
}
