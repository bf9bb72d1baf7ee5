package io.cubeintegration.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.JobPersistenceException;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.spi.OperableTrigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz's clustered JDBC JobStore, patient with a database that is away when the application starts. Each feed's
 * route registers its trigger in the database as it starts; with the database away that would stop Camel from
 * starting at all. Instead the registration waits here, the application comes up (not ready, its state-database
 * check saying why), and the scheduler thread registers the waiting triggers as soon as it reaches the database
 * again, exactly as the route would have: a trigger the cluster has already is kept, or replaced if its cron changed.
 */
public final class ClusterJobStore extends JobStoreTX {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterJobStore.class);

    private final Map<TriggerKey, Registration> waiting = new ConcurrentHashMap<>();

    private record Registration(JobDetail job, OperableTrigger trigger) {
    }

    @Override
    public OperableTrigger retrieveTrigger(TriggerKey key) throws JobPersistenceException {
        Registration registration = waiting.get(key);
        if (registration != null) {
            return registration.trigger();
        }
        try {
            return super.retrieveTrigger(key);
        } catch (JobPersistenceException unreachable) {
            // a route starting without the database: as far as it can tell, the cluster has no such trigger yet
            return null;
        }
    }

    @Override
    public void storeJobAndTrigger(JobDetail job, OperableTrigger trigger) throws JobPersistenceException {
        try {
            super.storeJobAndTrigger(job, trigger);
        } catch (ObjectAlreadyExistsException registeredByAnother) {
            throw registeredByAnother;
        } catch (JobPersistenceException unreachable) {
            waiting.put(trigger.getKey(), new Registration(job, trigger));
            LOG.warn("The schedule {} waits for the state database: {}", trigger.getKey(), unreachable.getMessage());
        }
    }

    @Override
    public List<OperableTrigger> acquireNextTriggers(long noLaterThan, int maxCount, long timeWindow)
            throws JobPersistenceException {
        if (!waiting.isEmpty()) {
            registerWaiting();
        }
        return super.acquireNextTriggers(noLaterThan, maxCount, timeWindow);
    }

    /** Registers the triggers that waited, as the routes would have; a failure leaves the rest for the next turn. */
    private void registerWaiting() throws JobPersistenceException {
        for (Registration registration : List.copyOf(waiting.values())) {
            TriggerKey key = registration.trigger().getKey();
            OperableTrigger existing = super.retrieveTrigger(key);
            if (existing == null) {
                try {
                    super.storeJobAndTrigger(registration.job(), registration.trigger());
                } catch (ObjectAlreadyExistsException registeredByAnother) {
                    // another instance came first with the same feed file: its trigger is this one
                }
            } else if (cronChanged(existing, registration.trigger())) {
                super.replaceTrigger(key, registration.trigger());
            }
            waiting.remove(key);
            LOG.info("The schedule {} is registered in the state database", key);
        }
    }

    private static boolean cronChanged(OperableTrigger existing, OperableTrigger wanted) {
        return existing instanceof CronTrigger before && wanted instanceof CronTrigger after
                && !before.getCronExpression().equals(after.getCronExpression());
    }
}
