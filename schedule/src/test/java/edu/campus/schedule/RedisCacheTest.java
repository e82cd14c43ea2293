package edu.campus.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import edu.campus.schedule.support.ScheduleTestBase;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The optional shared cache, against the Redis server of the machine. */
@QuarkusTest
@TestProfile(RedisCacheTest.RedisBackend.class)
class RedisCacheTest extends ScheduleTestBase {

    static final String PREFIX = "campus:schedule:test:";

    public static class RedisBackend implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("schedule.cache.backend", "redis", "schedule.cache.redis-prefix", PREFIX);
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void answersAreStoredInRedisWithTheirFetchTime() {
        given().get("/api/schedule/buildings").then().statusCode(200).header("X-Cache", "MISS");
        given().get("/api/schedule/buildings").then().statusCode(200).header("X-Cache", "HIT");
        ruz.verify(1, getRequestedFor(urlPathEqualTo("/buildings")));

        byte[] stored = redis.value(byte[].class).get(PREFIX + "buildings");
        assertNotNull(stored, "the entry is in Redis");
        ByteBuffer value = ByteBuffer.wrap(stored);
        assertEquals(time.nowMillis(), value.getLong());
        String json = StandardCharsets.UTF_8.decode(value).toString();
        assertEquals(true, json.startsWith("{\"buildings\":[{\"id\":11"));
        long ttl = redis.key().pttl(PREFIX + "buildings");
        assertEquals(true, ttl > 23 * 3600_000L && ttl <= 24 * 3600_000L, "kept for the stale maximum age, was " + ttl);
    }

    @Test
    void anEntryWrittenByAnotherInstanceIsServedWithoutCallingRuz() {
        byte[] json = "{\"teachers\":[{\"id\":1,\"oid\":2,\"full_name\":\"Written Elsewhere\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] value = ByteBuffer.allocate(8 + json.length).putLong(time.nowMillis() - 5_000).put(json).array();
        redis.value(byte[].class).set(PREFIX + "teachers", value);

        given().get("/api/schedule/teachers").then().statusCode(200)
                .header("X-Cache", "HIT").header("Age", "5")
                .body("teachers[0].full_name", equalTo("Written Elsewhere"));
        ruz.verify(0, getRequestedFor(urlPathEqualTo("/teachers")));
    }

    @Test
    void readinessChecksRedis() {
        given().get("/health/readiness").then().statusCode(200)
                .body("checks.find { it.name == 'schedule-cache' }.data.backend", equalTo("redis"));
    }
}
