package edu.campus.traffic;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Traffic's settings ({@code traffic.*}; environment names in the README). */
@ConfigMapping(prefix = "traffic")
public interface TrafficConfig {

    /** The university's time zone: "today" for lessons, dates in exports. */
    ZoneId timezone();

    Kiosk kiosk();

    Session session();

    Sync sync();

    Marks marks();

    /** The group commit of QR marks ({@code attendance.MarkBatcher}). */
    interface Marks {
        /** Marks waiting for their statement, at most; more is a 503 with Retry-After. */
        int maxQueued();

        /** A mark not answered within this gets a 503 (and, if it has not been sent to the database yet, is dropped). */
        Duration deadline();

        /** At shutdown, how long queued marks are given to be written. */
        Duration drainTimeout();
    }

    interface Kiosk {
        Duration stateTtl();

        Duration heartbeat();

        Duration lastSeenFlush();

        Duration unregisteredRetention();

        int pinLookupsPerMinute();

        int initsPerMinute();

        /** Kiosks initialised but not registered yet, at most (then init answers 503 with Retry-After). */
        int maxUnregistered();

        /** When set, initialising a kiosk requires it (header X-Kiosk-Enrolment-Token). */
        Optional<String> enrolmentToken();

        /** Open event streams per kiosk and per client address (per instance), at most. */
        int streamsPerKiosk();

        int streamsPerAddress();

        /** Requests with an unknown device secret per client address and minute, at most (then 429). */
        int wrongSecretsPerMinute();

        /** A kiosk heard from within this window is online. */
        Duration onlineWindow();

        /** How often the admins' live kiosk status looks for kiosks that came online or went dark. */
        Duration presenceCheck();
    }

    interface Session {
        int rotationSeconds();

        /** Whether teachers may open sessions for lessons that are not in the timetable. */
        boolean adhoc();

        /** How long an ad-hoc session lasts when the teacher gives no end. */
        Duration adhocDuration();

        Duration maxDuration();

        Duration expiryEvery();
    }

    interface Sync {
        String cron();

        int batchSize();

        double ssoBatchesPerSecond();

        Duration staleAfter();
    }
}
