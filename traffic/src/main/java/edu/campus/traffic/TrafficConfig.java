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
    }

    interface Session {
        int rotationSeconds();

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
