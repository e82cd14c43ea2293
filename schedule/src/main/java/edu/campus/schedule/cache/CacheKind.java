package edu.campus.schedule.cache;

/** What kind of data an entry holds decides how long it is fresh. */
public enum CacheKind {
    /** faculties, groups, teachers, buildings, rooms */
    REFERENCE,
    /** weeks and days */
    TIMETABLE
}
