package edu.campus.schedule.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import edu.campus.schedule.cache.TimeSource;

/** A clock the test moves: cache ages without sleeping. */
public class FakeTime extends TimeSource {

    private final AtomicLong now = new AtomicLong(System.currentTimeMillis());

    @Override
    public long nowMillis() {
        return now.get();
    }

    public void advance(Duration by) {
        now.addAndGet(by.toMillis());
    }
}
