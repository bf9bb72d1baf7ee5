package io.cubeintegration.feed;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.cubeintegration.state.FeedBusyException;
import io.cubeintegration.state.FeedLease;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps around every trigger of a feed (route {@code cube-feed-trigger}): the feed's lease is taken before its
 * state is read and let go after the last run committed, so however many processes share the state, one at a time
 * runs a feed. A scheduled trigger that finds the lease taken does nothing and says so; a trigger by hand
 * ({@code --once}) waits for it, up to {@link #WAIT_HEADER}, and fails when it does not come.
 */
public final class TriggerSteps {

    /** Exchange property holding the trigger's {@link FeedLease} while it is held. */
    public static final String LEASE_PROPERTY = "CubeLease";
    /** Header of a trigger by hand: how long to wait for the lease (a {@link Duration}) before failing. */
    public static final String WAIT_HEADER = "CubeLeaseWait";

    private static final Logger LOG = LoggerFactory.getLogger(TriggerSteps.class);

    private final List<FeedRunListener> listeners;
    private final FeedPlanner planner;

    public TriggerSteps(List<FeedRunListener> listeners, FeedPlanner planner) {
        this.listeners = List.copyOf(listeners);
        this.planner = planner;
    }

    /** Takes the feed's lease, or leaves the trigger without one when another process is running the feed. */
    public void claim(Exchange exchange) {
        FeedSpec feed = exchange.getProperty(FeedSpec.PROPERTY, FeedSpec.class);
        Duration wait = exchange.getMessage().getHeader(WAIT_HEADER, Duration.class);
        try {
            exchange.setProperty(LEASE_PROPERTY, planner.stateStore().lease(feed.getId(), wait == null ? Duration.ZERO : wait));
        } catch (FeedBusyException busy) {
            if (wait != null) {
                throw busy;
            }
            LOG.info("feed {}: trigger skipped: {}", feed.getId(), busy.reason());
            listeners.forEach(listener -> listener.triggerSkipped(feed.getId()));
        }
    }

    /**
     * Plans the trigger's runs from the feed's state, read now that the lease is held: one plan, or for a partitioned
     * feed one per campaign (or assignment) it runs now.
     */
    public List<FeedPlan> plan(@ExchangeProperty(FeedSpec.PROPERTY) FeedSpec feed, Exchange exchange) {
        return planner.plans(feed, exchange);
    }

    /**
     * After a partitioned feed's campaigns ran: those whose last catch-up went through close in the feed's state, and
     * one line says how the campaigns went.
     */
    public void finish(@ExchangeProperty(FeedPlan.PARTITIONED_PROPERTY) FeedPlanner.PartitionedTrigger trigger) {
        if (trigger == null) {
            return;
        }
        FeedSpec feed = trigger.feed();
        planner.closeCaughtUp(trigger);
        List<FeedPlan> plans = trigger.plans();
        List<String> failed = plans.stream().filter(plan -> !plan.succeeded()).map(plan -> plan.partition().key()).toList();
        List<String> closed = plans.stream().filter(plan -> plan.partition().lastCatchUp() && plan.succeeded())
                .map(plan -> plan.partition().key()).toList();
        String kind = feed.partitionKind().parameter();
        String line = String.format(Locale.ROOT, "feed %s: trigger done over %d %s: %d ok, %d failed%s%s", feed.getId(),
                plans.size(), kind, plans.size() - failed.size(), failed.size(),
                failed.isEmpty() ? "" : " (" + String.join(", ", failed) + ": fetched again at the next trigger)",
                closed.isEmpty() ? "" : "; closed after their last catch-up: " + String.join(", ", closed));
        if (failed.isEmpty()) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
        listeners.forEach(listener -> listener.partitionsFinished(feed.getId(), plans.size() - failed.size(), failed.size()));
    }

    /** Starts a run of the plan: the run and its parts go on the exchange for the run's steps. */
    public void begin(@Body FeedRun run, Exchange exchange) {
        run.putOn(exchange, listeners);
    }

    /** Lets go of the lease, whatever became of the runs. */
    public void release(@ExchangeProperty(LEASE_PROPERTY) FeedLease lease) {
        if (lease != null) {
            lease.close();
        }
    }
}
