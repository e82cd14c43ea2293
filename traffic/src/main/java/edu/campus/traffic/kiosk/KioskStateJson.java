package edu.campus.traffic.kiosk;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import edu.campus.traffic.kiosk.KioskDtos.KioskState;
import edu.campus.traffic.kiosk.KioskDtos.Place;
import edu.campus.traffic.kiosk.KioskDtos.SessionOnKiosk;

/** What a kiosk draws, from a snapshot: as a record (event stream) and as JSON bytes prepared once per snapshot (polls). */
public final class KioskStateJson {

    private KioskStateJson() {
    }

    public static KioskState state(KioskSnapshot kiosk, Instant now) {
        if (!kiosk.registered()) {
            return new KioskState(KioskStatus.unregistered, kiosk.deviceId(), kiosk.registrationPin(), null, null, null, now);
        }
        Place place = new Place(kiosk.buildingId(), kiosk.buildingName(), kiosk.roomId(), kiosk.roomName());
        KioskSnapshot.ActiveSession s = kiosk.session();
        if (s == null || !s.expiresAt().toInstant().isAfter(now)) {
            return new KioskState(KioskStatus.idle, kiosk.deviceId(), null, kiosk.displayPin(), place, null, now);
        }
        return new KioskState(KioskStatus.active, kiosk.deviceId(), null, kiosk.displayPin(), place,
                new SessionOnKiosk(s.id(), s.discipline(), s.teacherName(), s.lessonStart(), s.lessonEnd(), s.startedAt(),
                        s.expiresAt(), s.attendeeCount(), s.secret(), s.rotationSeconds()),
                now);
    }

    /**
     * The state as JSON bytes: the snapshot's prepared body plus {@code server_time}; only a session that expired
     * since the snapshot was read (idle now, until the expiry job's change arrives) is serialised afresh.
     */
    public static byte[] bytes(KioskSnapshot kiosk, Instant now, ObjectMapper json) {
        KioskSnapshot.ActiveSession s = kiosk.session();
        if (kiosk.body() == null || s != null && !s.expiresAt().toInstant().isAfter(now)) {
            return write(json, state(kiosk, now));
        }
        byte[] time = (",\"server_time\":\"" + now + "\"}").getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(kiosk.body(), kiosk.body().length + time.length);
        System.arraycopy(time, 0, out, kiosk.body().length, time.length);
        return out;
    }

    /** The snapshot with its body prepared: the state without {@code server_time} and without the closing brace. */
    static KioskSnapshot withBody(KioskSnapshot kiosk, ObjectMapper json) {
        // "now" = the epoch: the session is drawn as active; bytes() serialises afresh once it has expired
        byte[] full = write(json, state(kiosk, Instant.EPOCH).withoutTime());
        return kiosk.withBody(Arrays.copyOf(full, full.length - 1));
    }

    private static byte[] write(ObjectMapper json, KioskState state) {
        try {
            return json.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
