package edu.campus.traffic.account;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import edu.campus.events.Consumers;
import edu.campus.events.Inbox;
import edu.campus.events.ReceivedEvent;
import edu.campus.events.SsoAccountEvent;
import edu.campus.traffic.attendance.AttendanceDtos.SessionView;
import edu.campus.traffic.attendance.SessionEnding;
import edu.campus.traffic.kiosk.KioskEvents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * SSO's word on traffic's accounts ({@code sso.user.deactivated|activated|deleted}, queue {@code traffic.sso-accounts}):
 * a deactivated or deleted account stops acting at once (every admin and teacher request checks it: AccountFilter)
 * and a teacher's running sessions end (reason {@code account}, their kiosks go idle); an activated one acts again.
 * Each event is applied once (inbox); accounts of other apps are ignored.
 */
@ApplicationScoped
public class SsoAccounts {

    static final String CONSUMER = "sso-accounts";
    private static final Logger LOG = Logger.getLogger(SsoAccounts.class);

    private final Consumers consumers;
    private final Inbox inbox;
    private final AccountStore accounts;
    private final SessionEnding sessions;
    private final KioskEvents kiosks;

    SsoAccounts(Consumers consumers, Inbox inbox, AccountStore accounts, SessionEnding sessions, KioskEvents kiosks) {
        this.consumers = consumers;
        this.inbox = inbox;
        this.accounts = accounts;
        this.sessions = sessions;
        this.kiosks = kiosks;
    }

    @Incoming("sso-accounts")
    public Uni<Void> consume(byte[] body) {
        return consumers.consume(CONSUMER, body, this::handle);
    }

    Uni<Void> handle(ReceivedEvent event) {
        SsoAccountEvent account = SsoAccountEvent.of(event);
        if (!"traffic".equals(account.app())) {
            return Uni.createFrom().voidItem();
        }
        long userId = account.userId();
        boolean active = account.active();
        Long teacherId = account.is("traffic", "teacher") ? account.entityId() : null;
        List<SessionView> ended = new CopyOnWriteArrayList<>();
        return inbox.once(CONSUMER, event.id(), tx -> active
                ? accounts.activate(tx, userId).invoke(changed -> log(changed, userId, "acts again", event)).replaceWithVoid()
                : accounts.deactivate(tx, userId).invoke(changed -> log(changed, userId, "is inactive", event))
                        .flatMap(changed -> endSessions(tx, teacherId)).invoke(ended::addAll).replaceWithVoid())
                // after the commit: this instance's kiosks hear it at once (others through the NOTIFY sent with the change)
                .invoke(() -> ended.stream().map(SessionView::kioskId).filter(Objects::nonNull).forEach(kiosks::changed))
                .replaceWithVoid();
    }

    private Uni<List<SessionView>> endSessions(SqlClient tx, Long teacherId) {
        return teacherId == null ? Uni.createFrom().item(List.of()) : sessions.endForTeacher(tx, teacherId);
    }

    private static void log(boolean changed, long userId, String what, ReceivedEvent event) {
        if (changed) {
            LOG.infof("SSO account %d %s: %s", userId, what, event.type());
        }
    }
}
