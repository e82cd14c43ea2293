package edu.campus.schedule;

import java.time.Duration;
import java.time.ZoneId;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything tunable in the gateway; each key also reads from its env variable (SCHEDULE_CACHE_BACKEND, ...). */
@ConfigMapping(prefix = "schedule")
public interface ScheduleConfig {

    /** The university's time zone: "today" and week boundaries are computed in it. */
    @WithDefault("Europe/Moscow")
    ZoneId timezone();

    Cache cache();

    /** Dates further than this many days from today are refused with a 422. */
    @WithDefault("730")
    int dateWindowDays();

    Ruz ruz();

    interface Ruz {
        /** Calls per second from one instance toward RUZ, retries included; past it calls fail fast (503). */
        @WithDefault("50")
        long rateLimitPerSecond();
    }

    interface Cache {
        /** memory (per instance, the default) or redis (shared by all instances). */
        @WithDefault("memory")
        Backend backend();

        /** Faculties, groups, teachers, buildings, rooms: they change a few times a term. */
        @WithDefault("6h")
        Duration referenceTtl();

        /** Weeks and days: edits by the dean's office should show within minutes. */
        @WithDefault("10m")
        Duration timetableTtl();

        /** How old a copy may be and still be served (marked stale) while RUZ fails. */
        @WithDefault("24h")
        Duration staleMaxAge();

        /** Upper bound of the in-process cache, in bytes of cached answers (entries vary from bytes to megabytes). */
        @WithDefault("256M")
        MemorySize maxSize();

        /** A "not found" from RUZ is remembered this long (a stream of unknown ids cannot become a stream of RUZ calls). */
        @WithDefault("1m")
        Duration notFoundTtl();

        /** Key prefix in Redis, so that several environments can share one server. */
        @WithDefault("campus:schedule:")
        String redisPrefix();

        enum Backend {
            memory, redis
        }
    }
}
