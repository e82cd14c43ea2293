package edu.campus.main.retention;

import edu.campus.db.telegram.InitDataSeenStore;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.main.session.SessionStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Forgets what main no longer needs: refresh tokens a day past their expiry, initData past its age, spent link codes. */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final SessionStore sessions;
    private final InitDataSeenStore seen;
    private final edu.campus.main.telegram.LinkCodeStore codes;

    Retention(SessionStore sessions, InitDataSeenStore seen, edu.campus.main.telegram.LinkCodeStore codes) {
        this.sessions = sessions;
        this.seen = seen;
        this.codes = codes;
    }

    @Scheduled(every = "${main.retention.every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> run() {
        return sessions.deleteExpired().flatMap(tokens -> seen.deleteExpired().invoke(initData -> {
            if (tokens + initData > 0) {
                LOG.infof("retention: %d expired refresh tokens, %d used initData forgotten", tokens, initData);
            }
        })).chain(codes::deleteSpent).replaceWithVoid();
    }
}
