package io.cubeintegration.feed;

import java.time.Duration;
import java.util.List;

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
public final class FeedTriggers {

    /** Exchange property holding the trigger's {@link FeedLease} while it is held. */
    public static final String LEASE_PROPERTY = "CubeLease";
    /** Header of a trigger by hand: how long to wait for the lease (a {@link Duration}) before failing. */
    public static final String WAIT_HEADER = "CubeLeaseWait";

    private static final Logger LOG = LoggerFactory.getLogger(FeedTriggers.class);

    private final List<FeedRunListener> listeners;

    public FeedTriggers(List<FeedRunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Takes the feed's lease, or leaves the trigger without one when another process is running the feed. */
    public void claim(Exchange exchange) {
        FeedDefinition feed = exchange.getProperty(FeedDefinition.FEED_PROPERTY, FeedDefinition.class);
        Duration wait = exchange.getMessage().getHeader(WAIT_HEADER, Duration.class);
        try {
            exchange.setProperty(LEASE_PROPERTY, feed.stateStore().lease(feed.getId(), wait == null ? Duration.ZERO : wait));
        } catch (FeedBusyException busy) {
            if (wait != null) {
                throw busy;
            }
            LOG.info("feed {}: trigger skipped: {}", feed.getId(), busy.reason());
            listeners.forEach(listener -> listener.triggerSkipped(feed.getId()));
        }
    }

    /** Plans the trigger's runs from the feed's state, read now that the lease is held. */
    public FeedPlan plan(@ExchangeProperty(FeedDefinition.FEED_PROPERTY) FeedDefinition feed, Exchange exchange) {
        return feed.plan(exchange);
    }

    /** Starts a run of the plan: the run and its parts go on the exchange for the run's steps. */
    public void begin(@Body FeedRun run, Exchange exchange) {
        run.putOn(exchange);
    }

    /** Lets go of the lease, whatever became of the runs. */
    public void release(@ExchangeProperty(LEASE_PROPERTY) FeedLease lease) {
        if (lease != null) {
            lease.close();
        }
    }
}
