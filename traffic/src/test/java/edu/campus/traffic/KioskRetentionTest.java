package edu.campus.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.traffic.kiosk.KioskRetention;
import edu.campus.traffic.support.TrafficTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class KioskRetentionTest extends TrafficTestBase {

    @Inject
    KioskRetention retention;

    private boolean exists(Object registrationPin) {
        return db.preparedQuery("select count(*) from kiosks where registration_pin = $1").execute(Tuple.of(registrationPin))
                .await().indefinitely().iterator().next().getLong(0) > 0;
    }

    @Test
    void kiosksNeverRegisteredWithinTheRetentionAreForgottenOthersStay() {
        stubRooms(BUILDING, 501, "101");
        Map<String, Object> abandoned = initKiosk();
        Map<String, Object> fresh = initKiosk();
        long registered = (Long.parseLong(registeredKiosk(501).get("id").toString()));
        // the abandoned one and the registered one were set up eight days ago and never heard from since
        db.preparedQuery("update kiosks set created_at = now() - interval '8 days', last_seen_at = null where registration_pin = $1 or id = $2")
                .execute(Tuple.of(abandoned.get("registration_pin"), registered)).await().indefinitely();

        assertEquals(1, retention.run().await().indefinitely());
        assertEquals(false, exists(abandoned.get("registration_pin")));
        assertEquals(true, exists(fresh.get("registration_pin")));
        assertEquals(1L, db.preparedQuery("select count(*) from kiosks where id = $1").execute(Tuple.of(registered))
                .await().indefinitely().iterator().next().getLong(0));
        assertEquals(0, retention.run().await().indefinitely());
    }
}
