package edu.campus.traffic.kiosk;

/**
 * The PostgreSQL channel on which a change of what a kiosk shows is announced. A statement that changes a kiosk,
 * or its session, selects {@link #sql} of the kiosk's id, so that the notice is sent exactly when its transaction
 * commits; {@link KioskEvents} listens on every instance.
 */
public final class KioskNotify {

    public static final String CHANNEL = "traffic_kiosk";

    private KioskNotify() {
    }

    /** The SQL expression that announces a change of the kiosk whose id {@code kioskIdExpression} gives (null: nothing). */
    public static String sql(String kioskIdExpression) {
        return "pg_notify('" + CHANNEL + "', coalesce(" + kioskIdExpression + "::text, ''))";
    }
}
