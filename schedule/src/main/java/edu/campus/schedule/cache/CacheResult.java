package edu.campus.schedule.cache;

/** What the gateway answers with: the bytes, whether they came from the cache, RUZ, or a stale copy, and their age. */
public record CacheResult(byte[] body, Status status, long ageSeconds) {

    public enum Status {
        HIT, MISS, STALE
    }

    /** The least fresh of two results (for answers built from two cached pieces). */
    public CacheResult worst(CacheResult other) {
        Status worst = status.compareTo(other.status) >= 0 ? status : other.status;
        return new CacheResult(body, worst, Math.max(ageSeconds, other.ageSeconds));
    }

    public CacheResult withBody(byte[] newBody) {
        return new CacheResult(newBody, status, ageSeconds);
    }
}
