package edu.campus.e2e;

import static edu.campus.e2e.Platform.newUser;

/** A room ready for a lesson: a traffic admin, a RUZ teacher of today's lessons there signed in, a kiosk bound to it. */
record Classroom(String admin, String teacher, Kiosk kiosk) {

    static Classroom ready(long ruzTeacherId, String fullName) {
        String admin = newUser("traffic", "admin", "traffic.admin");
        Platform.ensureTeacher(admin, ruzTeacherId, fullName);
        return new Classroom(admin, Platform.teacher(ruzTeacherId), Kiosk.bound(admin));
    }

    /** The room back to nobody (other tests bind their own kiosks to it). */
    void leave() {
        kiosk.unbind(admin);
    }
}
