package edu.campus.events;

/**
 * What SSO says of an account ({@code sso.user.deactivated|activated|deleted}, version 1): whose it is (app, role, the
 * domain's entity id when it has one) and whether it may act now.
 */
public record SsoAccountEvent(long userId, String app, String role, Long entityId, boolean active) {

    /** The event's facts; an unknown version or a missing user id is a poison event. */
    public static SsoAccountEvent of(ReceivedEvent event) {
        event.requireVersion(1);
        Object entity = event.data().getValue("entity_id");
        return new SsoAccountEvent(event.requireLong("user_id"), event.data().getString("app"), event.data().getString("role"),
                entity instanceof Number id ? id.longValue() : null, "sso.user.activated".equals(event.type()));
    }

    /** An account of {@code app} with {@code role}. */
    public boolean is(String app, String role) {
        return app.equals(this.app) && role.equals(this.role);
    }
}
