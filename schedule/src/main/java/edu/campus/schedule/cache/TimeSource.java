package edu.campus.schedule.cache;

import jakarta.enterprise.context.ApplicationScoped;

/** The clock of the cache; a bean so that tests can move time instead of sleeping. */
@ApplicationScoped
public class TimeSource {

    public long nowMillis() {
        return System.currentTimeMillis();
    }
}
