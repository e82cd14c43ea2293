package edu.campus.traffic;

import java.time.Duration;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;

/** Traffic's settings ({@code traffic.*}; environment names in the README). */
@ConfigMapping(prefix = "traffic")
public interface TrafficConfig {

    /** The university's time zone: "today" for lessons, dates in exports. */
    ZoneId timezone();

    Kiosk kiosk();

    Session session();

    Sync sync();

    interface Kiosk {
        Duration stateTtl();

        Duration heartbeat();

        Duration lastSeenFlush();

        Duration unregisteredRetention();

        int pinLookupsPerMinute();

        int initsPerMinute();

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
