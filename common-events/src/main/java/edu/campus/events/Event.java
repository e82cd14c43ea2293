package edu.campus.events;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What every event on {@code campus.events} looks like: its id (also the AMQP message id), its type (also the routing
 * key, {@code <service>.<entity>.<event>}), the version of its {@code data} schema, when it happened, and the facts a
 * consumer needs — ids and values, never secrets or file contents.
 */
@RegisterForReflection
public record Event(UUID id, String type, int version, OffsetDateTime occurredAt, Object data) {
}
