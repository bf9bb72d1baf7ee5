package io.cubeintegration.feed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.enrich.AssignmentCustomers;
import io.cubeintegration.state.FeedLease;
import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.FeedStateStore;
import io.cubeintegration.state.StateCommits;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a trigger's runs from a feed and its state. A window feed fetches every day from its watermark less the
 * look-back (Cube records arrive late) to today, a day per run; before its first committed run it starts at its start
 * date. A backfill (--from/--to in the headers) fetches the days it names and leaves the watermark alone. A snapshot
 * feed fetches once. A feed over several campaigns has a plan per campaign, chosen from the campaigns list.
 */
public final class FeedPlanner {

    /** Exchange header a backfill sets to choose the first day of a window feed's runs (YYYYMMDD). */
    public static final String FROM_DATE_HEADER = "CubeFromDate";
    /** Exchange header a backfill sets to choose the last day of a window feed's run (YYYYMMDD). */
    public static final String TO_DATE_HEADER = "CubeToDate";

    private static final Logger LOG = LoggerFactory.getLogger(FeedPlanner.class);

    private final FeedStateStore stateStore;
    private final CampaignDirectory campaignDirectory;

    public FeedPlanner(FeedStateStore stateStore, CampaignDirectory campaignDirectory) {
        this.stateStore = stateStore;
        this.campaignDirectory = campaignDirectory;
    }

    /** Where the feeds keep their state: their leases too. */
    public FeedStateStore stateStore() {
        return stateStore;
    }

    /** The trigger's plans, one or one per campaign (or assignment), a partitioned trigger put on the exchange. */
    public List<FeedPlan> plans(FeedSpec feed, Exchange exchange) {
        FeedPartitions partitions = feed.partitions();
        if (partitions == null) {
            return List.of(plan(feed, exchange, null, null));
        }
        FeedState own = StateCommits.load(stateStore, feed.stateKey(), feed.getId());
        Date fired = exchange.getMessage().getHeader("scheduledFireTime", Date.class);
        List<ObjectNode> campaignList = campaignDirectory.campaigns(feed.getId(), fired == null ? null : fired.toInstant());
        FeedPartitions.Chosen chosen = partitions.choose(campaignList, own.partitions());
        LocalDate today = LocalDate.now(feed.zone());
        boolean changed = false;
        for (String gone : chosen.closedUnseen()) {
            LOG.warn("feed {}: {} {} is no longer in the campaigns list (GET {}): it closes without a last catch-up; its state is kept",
                    feed.getId(), partitions.kind().word(), gone, campaignDirectory.path());
            own.partitionClosed(gone, today);
            changed = true;
        }
        for (FeedPartition partition : chosen.partitions()) {
            if (!partition.lastCatchUp()) {
                changed |= own.partitionOpen(partition.key());
            }
        }
        if (changed) {
            stateStore.save(feed.stateKey(), own);
        }
        List<FeedPlan> plans = new ArrayList<>();
        // campaigns of one assignment share its customers within the trigger
        Map<Integer, AssignmentCustomers> customers = new HashMap<>();
        for (FeedPartition partition : chosen.partitions()) {
            Integer assignment = feed.isEnrich() ? feed.enrichmentSettings(partition).assignmentId() : null;
            plans.add(plan(feed, exchange, partition,
                    assignment == null ? null : customers.computeIfAbsent(assignment, a -> new AssignmentCustomers())));
        }
        exchange.setProperty(FeedPlan.PARTITIONED_PROPERTY, new PartitionedTrigger(feed, own, plans));
        return plans;
    }

    /**
     * A partitioned feed's campaigns, with its own state, after its trigger's runs: those whose last catch-up
     * succeeded close, and the summary line says how the campaigns went.
     */
    record PartitionedTrigger(FeedSpec feed, FeedState own, List<FeedPlan> plans) {
    }

    /** Closes the partitions whose last catch-up went through, in the feed's own state. */
    void closeCaughtUp(PartitionedTrigger trigger) {
        boolean changed = false;
        for (FeedPlan plan : trigger.plans()) {
            if (plan.partition().lastCatchUp() && plan.succeeded()) {
                trigger.own().partitionClosed(plan.partition().key(), LocalDate.now(trigger.feed().zone()));
                changed = true;
            }
        }
        if (changed) {
            stateStore.save(trigger.feed().stateKey(), trigger.own());
        }
    }

    /**
     * The state keys that hold the feed's watermarks: its own, or for a feed over several campaigns each campaign's
     * it ever ran (its own state lists them), as {@code --reset-watermark} moves them.
     */
    public List<String> watermarkStateKeys(FeedSpec feed) {
        if (!feed.isPartitioned()) {
            return List.of(feed.stateKey());
        }
        return StateCommits.load(stateStore, feed.stateKey(), feed.getId()).partitions().keySet().stream().map(feed::stateKeyOf).toList();
    }

    private FeedPlan plan(FeedSpec feed, Exchange exchange, FeedPartition partition, AssignmentCustomers customers) {
        String from = exchange.getMessage().getHeader(FROM_DATE_HEADER, String.class);
        String to = exchange.getMessage().getHeader(TO_DATE_HEADER, String.class);
        FeedState state = StateCommits.load(stateStore, feed.stateKey(partition), feed.getId());
        boolean backfill = from != null;
        List<FeedWindow> windows = new ArrayList<>();
        if (feed.getKamelet() == FeedKamelet.SNAPSHOT) {
            if (backfill || to != null) {
                throw new IllegalArgumentException("feed " + feed.getId() + " is a snapshot feed: --from/--to apply to window feeds only");
            }
            windows.add(null);
        } else {
            LocalDate today = LocalDate.now(feed.zone());
            LocalDate first;
            LocalDate last;
            if (backfill) {
                first = FeedWindow.parseDate(from, "--from");
                last = to == null ? first : FeedWindow.parseDate(to, "--to");
                // a range that ends before it begins is refused here, naming both days
                new FeedWindow(first, last);
            } else {
                first = state.watermark() == null ? startDate(feed, today, partition) : state.watermark().minusDays(feed.getLookbackDays());
                // the look-back reaches back for late records, never before the feed's first day or a reset's day
                state.startsAt(first);
                if (first.isBefore(state.notBefore())) {
                    first = state.notBefore();
                }
                // a campaign's last catch-up ends on the day Cube archived it
                last = partition != null && partition.lastDay() != null && partition.lastDay().isBefore(today) ? partition.lastDay() : today;
                if (first.isAfter(last)) {
                    first = last;
                }
            }
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                windows.add(new FeedWindow(day, day));
            }
        }
        FeedLease lease = exchange.getProperty(TriggerSteps.LEASE_PROPERTY, FeedLease.class);
        String trigger = scheduledFireTime(exchange);
        // each run decides as it begins whether its day's tail will do: the plan's runs begin one after the other
        return new FeedPlan(partition, windows, window -> new FeedRun(feed, stateStore, partition, window, state, lease, backfill,
                customers, window == null ? ReadPolicy.Plan.full("snapshot")
                        : feed.readPolicy().plan(window.to(), state.dayRead(window.to()), feed.zone(), Instant.now(), backfill),
                trigger != null), trigger);
    }

    /** The fire time Quartz scheduled this trigger for, marked when a cluster recovers it from a lost instance. */
    private static String scheduledFireTime(Exchange exchange) {
        Date scheduled = exchange.getMessage().getHeader("scheduledFireTime", Date.class);
        if (scheduled == null) {
            return null;
        }
        String name = exchange.getMessage().getHeader("triggerName", String.class);
        return scheduled.toInstant() + (name != null && name.startsWith("recover_") ? " (recovering the run of a lost instance)" : "");
    }

    /** A new feed's first day: its start date, or today; a new campaign's not before the campaign started. */
    private static LocalDate startDate(FeedSpec feed, LocalDate today, FeedPartition partition) {
        LocalDate first = feed.getStartDate().isBlank() ? today
                : FeedWindow.parseDate(feed.getStartDate(), "feed " + feed.getId() + ": startDate (or CUBE_START_DATE)");
        return partition != null && partition.startDate() != null && partition.startDate().isAfter(first)
                ? (partition.startDate().isAfter(today) ? today : partition.startDate()) : first;
    }
}
