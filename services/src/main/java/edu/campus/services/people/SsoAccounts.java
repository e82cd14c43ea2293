package edu.campus.services.people;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import edu.campus.events.Consumers;
import edu.campus.events.Inbox;
import edu.campus.events.ReceivedEvent;
import edu.campus.events.SsoAccountEvent;
import io.smallrye.mutiny.Uni;

/**
 * SSO's word on the accounts of staff and executors ({@code sso.user.deactivated|activated|deleted}, queue
 * {@code services.sso-accounts}): a deactivated account, or one deleted in SSO directly, stops acting here at once
 * ({@code inactive}: every request checks the row); an activated one acts again. Each event is applied once (inbox);
 * accounts of other apps are ignored.
 */
@ApplicationScoped
public class SsoAccounts {

    static final String CONSUMER = "sso-accounts";
    private static final Logger LOG = Logger.getLogger(SsoAccounts.class);

    private final Consumers consumers;
    private final Inbox inbox;
    private final PeopleStore store;

    SsoAccounts(Consumers consumers, Inbox inbox, PeopleStore store) {
        this.consumers = consumers;
        this.inbox = inbox;
        this.store = store;
    }

    @Incoming("sso-accounts")
    public Uni<Void> consume(byte[] body) {
        return consumers.consume(CONSUMER, body, this::handle);
    }

    Uni<Void> handle(ReceivedEvent event) {
        SsoAccountEvent account = SsoAccountEvent.of(event);
        PersonKind kind = account.is("services", "staff") ? PersonKind.staff : account.is("services", "executor") ? PersonKind.executor : null;
        if (kind == null || account.entityId() == null) {
            return Uni.createFrom().voidItem();
        }
        long id = account.entityId();
        return inbox.once(CONSUMER, event.id(), tx -> store.ssoAccount(tx, kind, id, account.active()).invoke(changed -> {
            if (changed) {
                LOG.infof("%s %d is %s: %s", kind, id, account.active() ? "active again" : "inactive", event.type());
            }
        }).replaceWithVoid()).replaceWithVoid();
    }
}
