package edu.campus.schedule.cache;

/** A normalized answer as JSON bytes, and when it was fetched from RUZ (epoch millis). */
public record CachedEntry(byte[] body, long fetchedAt) {
}
