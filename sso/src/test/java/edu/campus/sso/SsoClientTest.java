package edu.campus.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.common.error.ApiException;
import edu.campus.common.sso.SsoModel.AccountUpsert;
import edu.campus.common.sso.SsoModel.TeacherBatch;
import edu.campus.common.sso.client.SsoClient;
import edu.campus.sso.support.SsoTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Tuple;

/** common-sso-client's SsoClient, as traffic will use it, against this SSO. */
@QuarkusTest
class SsoClientTest extends SsoTestBase {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    SsoClient sso;

    @Test
    void provisionsTeachersIdempotentlyWithItsOwnServiceToken() {
        long entity = entityId();
        var first = sso.upsertTeacher(new AccountUpsert(entity, "Клиентов Клиент Клиентович", null, null)).await().atMost(WAIT);
        var again = sso.upsertTeacher(new AccountUpsert(entity, "Клиентов Клиент Клиентович", null, null)).await().atMost(WAIT);
        assertEquals(first, again);
        assertEquals("traffic", first.app());
        assertEquals(1L, db.preparedQuery("select count(*) from users where entity_id = $1").execute(Tuple.of(entity))
                .await().indefinitely().iterator().next().getLong(0));

        var batch = sso.upsertTeachers(new TeacherBatch(List.of(new AccountUpsert(entityId(), "Пакетный Один", null, null),
                new AccountUpsert(entityId(), "Пакетный Два", null, null)))).await().atMost(WAIT);
        assertEquals(2, batch.ok());

        assertTrue(sso.teacherTelegramLink(entity).await().atMost(WAIT).deepLink().startsWith("https://t.me/campus_test_bot?start="));
        sso.deleteTeacher(entity).await().atMost(WAIT);
        sso.deleteTeacher(entity).await().atMost(WAIT);
        assertEquals(0L, db.preparedQuery("select count(*) from users where entity_id = $1").execute(Tuple.of(entity))
                .await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void ssoRefusalsReachTheCallerAsTheyWere() {
        ApiException missing = assertThrows(ApiException.class,
                () -> sso.upsertTeacher(new AccountUpsert(null, "Без Сущности", null, null)).await().atMost(WAIT));
        assertEquals(422, missing.status());
        assertEquals("entity_id_required", missing.errorCode());

        long ruz = entityId();
        sso.upsertTeacher(new AccountUpsert(entityId(), "Первый Владелец", ruz, null)).await().atMost(WAIT);
        ApiException conflict = assertThrows(ApiException.class,
                () -> sso.upsertTeacher(new AccountUpsert(entityId(), "Второй Владелец", ruz, null)).await().atMost(WAIT));
        assertEquals(409, conflict.status());

        // traffic's client may not provision services accounts: SSO's 403 becomes a bad upstream response here
        ApiException forbidden = assertThrows(ApiException.class,
                () -> sso.upsertStaff(new AccountUpsert(entityId(), "Чужой Сотрудник", null, null)).await().atMost(WAIT));
        assertEquals(502, forbidden.status());
    }
}
