package edu.campus.services.people;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import edu.campus.services.ServicesConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Finishes, every {@code services.sso.retry-every}, what SSO could not do at once: accounts of pending rows created,
 * deletions completed. Every call it makes is idempotent in SSO, so two instances running it at once do no harm.
 */
@ApplicationScoped
public class PeopleSync {

    private static final Logger LOG = Logger.getLogger(PeopleSync.class);

    private final People people;
    private final ServicesConfig config;

    PeopleSync(People people, ServicesConfig config) {
        this.people = people;
        this.config = config;
    }

    @Scheduled(every = "${services.sso.retry-every}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().onFailure().recoverWithItem(failure -> {
            LOG.warnf("SSO retry job: %s", failure.getMessage());
            return 0;
        }).replaceWithVoid();
    }

    /** One pass; how many rows it settled. */
    public Uni<Integer> run() {
        return people.settle(config.sso().settleAfter().toSeconds(), config.sso().retryBatch())
                .invoke(settled -> {
                    if (settled > 0) {
                        LOG.infof("SSO retry job settled %d staff or executor record(s)", settled);
                    }
                });
    }
}
