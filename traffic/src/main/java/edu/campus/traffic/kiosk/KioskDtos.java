package edu.campus.traffic.kiosk;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The kiosk API's bodies (snake_case JSON). */
public final class KioskDtos {

    private KioskDtos() {
    }

    /** The answer to {@code init}: the device secret appears here and nowhere else, ever. */
    public record KioskCredentials(UUID deviceId, String deviceSecret, String registrationPin, String displayPin, KioskStatus state) {
    }

    public record Place(long buildingId, String buildingName, long roomId, String roomName) {
    }

    /** What a kiosk draws. {@code state}: unregistered (show the registration PIN), idle (show the display PIN), active. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KioskState(KioskStatus state, UUID deviceId, String registrationPin, String displayPin, Place place,
            SessionOnKiosk session, Instant serverTime) {

        public KioskState withoutTime() {
            return new KioskState(state, deviceId, registrationPin, displayPin, place, session, null);
        }
    }

    /**
     * The active session as the kiosk needs it: the QR token of a window is the first 16 hex characters of
     * HMAC-SHA256(hex-decoded {@code secret}, "{id}|{floor(unix_seconds / rotation_seconds)}"); the QR encodes
     * {"s": id, "t": token}. {@code server_time} in the state lets a kiosk with a wrong clock stay in step.
     */
    public record SessionOnKiosk(long id, String discipline, String teacherName, String lessonStart, String lessonEnd,
            OffsetDateTime startedAt, OffsetDateTime expiresAt, long attendeeCount, String secret, int rotationSeconds) {
    }

    public record BindRequest(@NotNull @Positive Long buildingId, @NotNull @Positive Long roomId) {
    }

    /**
     * A kiosk as admins see it (never its secret). {@code online}: heard from within {@code traffic.kiosk.online-window}
     * (by {@code last_seen_at}, which every instance writes a flush period after a poll, and at once when a dark kiosk
     * comes back).
     */
    @RegisterForReflection // inside a generic type (page, list): not seen by the build
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KioskView(long id, UUID deviceId, KioskStatus state, String registrationPin, String displayPin, Place place,
            OffsetDateTime createdAt, OffsetDateTime registeredAt, OffsetDateTime lastSeenAt, boolean online,
            SessionSummary activeSession) {
    }

    /** The session live on a kiosk, in short ({@code adhoc}: a lesson that is not in the timetable). */
    @RegisterForReflection // inside a generic type (page, list): not seen by the build
    public record SessionSummary(long id, String discipline, String teacherName, String lessonStart, String lessonEnd,
            OffsetDateTime startedAt, OffsetDateTime expiresAt, boolean adhoc) {
    }

    /** The admins' live status stream, first event ({@code kiosks}): every kiosk. */
    @RegisterForReflection
    public record KioskList(List<KioskView> kiosks, Instant serverTime) {
    }

    /** The admins' live status stream: a kiosk that was deleted ({@code kiosk_removed}). */
    @RegisterForReflection
    public record KioskRemoved(long id) {
    }

    /** The admins' live status stream: nothing changed ({@code heartbeat}). */
    @RegisterForReflection
    public record Heartbeat(Instant serverTime) {
    }
}
