package edu.campus.services.people;

/**
 * A verified person at the desk: an admin (id = SSO user id, every department), a staff member (id = staff row,
 * their department) or an executor (id = executor row, the applications assigned to them).
 */
public record Actor(ActorKind kind, long id, Long departmentId, String name) {

    public boolean isAdmin() {
        return kind == ActorKind.admin;
    }

    public boolean isExecutor() {
        return kind == ActorKind.executor;
    }

    /** Admins manage every department, staff their own; executors manage none. */
    public boolean manages(long department) {
        return isAdmin() || kind == ActorKind.staff && departmentId == department;
    }
}
