package edu.campus.schedule.ruz;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/** One request to RUZ: an operation name (for metrics and logs) and how to make it. */
public record RuzCall(String operation, Function<RuzApi, Uni<String>> request) {
}
