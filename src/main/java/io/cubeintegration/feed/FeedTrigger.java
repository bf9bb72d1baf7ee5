package io.cubeintegration.feed;

import java.time.Duration;
import java.util.List;

import io.cubeintegration.cube.LogSafe;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.Route;

/**
 * Runs a feed now, outside its schedule: sends the trigger its Quartz schedule would send to the shared trigger route,
 * through a producer template, optionally with backfill dates. Used by {@code --once}, {@code --demo} and the tests.
 */
public final class FeedTrigger {

    /** The Quartz group every feed kamelet schedules its trigger in: {@code quartz:cube-feeds/<feed id>}. */
    private static final String FEED_TRIGGER_PREFIX = "quartz://cube-feeds/";
    /** The shared route every feed's trigger goes to (feed-routes/cube-feed-run.yaml). */
    private static final String TRIGGER_ROUTE = "direct:cube-feed-trigger";

    private FeedTrigger() {
    }

    /** The ids of every feed loaded, in load order. */
    public static List<String> feedIds(CamelContext context) {
        return context.getRoutes().stream().filter(FeedTrigger::isFeed).map(Route::getRouteId).toList();
    }

    /** Whether a route is a feed's: made from a feed kamelet, triggered by its schedule. */
    public static boolean isFeed(Route route) {
        return route.isCreatedByRouteTemplate() && route.getEndpoint().getEndpointUri().startsWith(FEED_TRIGGER_PREFIX);
    }

    /** How long a feed run by hand waits for another process running it (cube.lease-wait, in seconds). */
    public static Duration leaseWait(CamelContext context) {
        return Duration.ofSeconds(Long.parseLong(context.getPropertiesComponent().resolveProperty("cube.lease-wait").orElseThrow().trim()));
    }

    /**
     * Triggers one feed on the calling thread, exactly as its schedule would, and returns its plan with the runs made:
     * one per window, stopping at the first that failed; of a partitioned feed, every campaign's runs together.
     *
     * @param from first day of a backfill (YYYYMMDD), or null for a scheduled trigger
     * @param to   last day of a backfill (YYYYMMDD), or null
     * @throws IllegalArgumentException when no such feed is loaded, or the trigger could not even plan (bad dates, the
     *                                  lease still taken after cube.lease-wait, the state out of reach)
     */
    public static FeedPlan runNow(CamelContext context, String feedId, String from, String to) {
        FeedSpec feed = context.getRegistry().lookupByNameAndType("feedSpecs", FeedSpecs.class).find(feedId)
                .filter(known -> feedIds(context).contains(feedId))
                .orElseThrow(() -> new IllegalArgumentException("no feed '" + feedId + "' is loaded; feeds: "
                        + String.join(", ", feedIds(context))));
        // the trigger a schedule would send, sent to the shared trigger route by hand
        Exchange exchange;
        ProducerTemplate trigger = context.createProducerTemplate();
        try {
            exchange = trigger.send(TRIGGER_ROUTE, sent -> {
                feed.trigger(sent);
                // by hand, a feed that another process is running is waited for (cube.lease-wait), not skipped
                sent.getMessage().setHeader(TriggerSteps.WAIT_HEADER, leaseWait(context));
                if (from != null) {
                    sent.getMessage().setHeader(FeedPlanner.FROM_DATE_HEADER, from);
                }
                if (to != null) {
                    sent.getMessage().setHeader(FeedPlanner.TO_DATE_HEADER, to);
                }
            });
        } finally {
            ServiceHelper.stopService(trigger);
        }
        FeedPlanner.PartitionedTrigger partitioned = exchange.getProperty(FeedPlan.PARTITIONED_PROPERTY, FeedPlanner.PartitionedTrigger.class);
        FeedPlan plan = partitioned != null ? FeedPlan.together(partitioned.plans(), null)
                : exchange.getProperty(FeedPlan.PLAN_PROPERTY, FeedPlan.class);
        if (plan == null || exchange.getException() != null) {
            Exception cause = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            String why = cause == null ? "unknown reason" : LogSafe.failure(cause);
            throw new IllegalArgumentException(why.startsWith("feed " + feedId + ": ") ? why : "feed " + feedId + ": could not run: " + why, cause);
        }
        return plan;
    }
}
