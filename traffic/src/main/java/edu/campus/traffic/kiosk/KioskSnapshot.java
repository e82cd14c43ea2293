package edu.campus.traffic.kiosk;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What is known about one kiosk at one moment: its place and its active session, if any (cached by secret).
 * {@code body} is its state as JSON without {@code server_time} and without the closing brace, made once per
 * snapshot so that a poll only appends the time (see {@link Kiosks#stateJson}).
 */
public record KioskSnapshot(long kioskId, UUID deviceId, String registrationPin, String displayPin, Long buildingId,
        String buildingName, Long roomId, String roomName, ActiveSession session, byte[] body) {

    KioskSnapshot withBody(byte[] body) {
        return new KioskSnapshot(kioskId, deviceId, registrationPin, displayPin, buildingId, buildingName, roomId, roomName, session,
                body);
    }

    public record ActiveSession(long id, String discipline, String teacherName, String lessonStart, String lessonEnd,
            OffsetDateTime startedAt, OffsetDateTime expiresAt, long attendeeCount, String secret, int rotationSeconds) {
    }

    public boolean registered() {
        return roomId != null;
    }
}
