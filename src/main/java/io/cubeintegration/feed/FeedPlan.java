package io.cubeintegration.feed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The runs one trigger of a feed makes (of a partitioned feed, one plan per campaign or assignment): one per day window
 * of a window feed (today, or every day since the watermark after downtime), one for a snapshot feed. Runs are made one at a time as the route asks for them; once a run has
 * failed, {@link #stillGoing()} turns false and the route skips the rest, so the watermark never passes a window that
 * was not delivered.
 */
public final class FeedPlan implements Iterator<FeedRun> {

    /** Exchange property holding the plan under way: the trigger's, or for a partitioned feed its campaign's. */
    public static final String PLAN_PROPERTY = "CubePlan";
    /** Exchange property holding a partitioned feed's trigger: its campaigns' plans and the feed's own state. */
    public static final String PARTITIONED_PROPERTY = "CubePartitionedTrigger";

    private final FeedPartition partition;
    private final List<FeedWindow> windows;
    private final Function<FeedWindow, FeedRun> runOf;
    private final String trigger;
    private final List<FeedRun> runs = new ArrayList<>();
    /** False for a trigger's plans together when one of them skipped runs after a failure. */
    private boolean allPlanned = true;

    FeedPlan(FeedPartition partition, List<FeedWindow> windows, Function<FeedWindow, FeedRun> runOf, String trigger) {
        this.partition = partition;
        this.windows = windows;
        this.runOf = runOf;
        this.trigger = trigger;
    }

    /**
     * Which trigger made this plan, for the run log: the schedule's fire time (the same on whichever instance of a
     * cluster fires it), or null when an operator ran the feed by hand.
     */
    public String trigger() {
        return trigger;
    }

    /**
     * A partitioned feed's trigger as one plan, for {@code --once} and the tests: every campaign's runs, in campaign
     * order; it succeeded when every campaign's plan did.
     */
    static FeedPlan together(List<FeedPlan> plans, String trigger) {
        List<FeedWindow> windows = new ArrayList<>();
        plans.forEach(plan -> windows.addAll(plan.windows().subList(0, plan.runs().size())));
        FeedPlan together = new FeedPlan(null, windows, window -> {
            throw new IllegalStateException("a trigger's plans together make no runs of their own");
        }, trigger);
        plans.forEach(plan -> together.runs.addAll(plan.runs()));
        together.allPlanned = plans.stream().allMatch(plan -> plan.runs().size() == plan.windows().size());
        return together;
    }

    /** The campaign or assignment the plan is for, or null for a feed that is not partitioned. */
    public FeedPartition partition() {
        return partition;
    }

    @Override
    public boolean hasNext() {
        return runs.size() < windows.size();
    }

    /** False once a run of this plan failed: the later windows wait for the next trigger. */
    public boolean stillGoing() {
        return runs.stream().noneMatch(run -> run.failure() != null);
    }

    @Override
    public FeedRun next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FeedRun run = runOf.apply(windows.get(runs.size()));
        runs.add(run);
        return run;
    }

    /** The runs made so far, in order. */
    public List<FeedRun> runs() {
        return Collections.unmodifiableList(runs);
    }

    /** The windows planned, a null window standing for a snapshot. */
    public List<FeedWindow> windows() {
        return windows;
    }

    /** True when every planned run ran and succeeded; runs skipped after a failure count as not succeeded. */
    public boolean succeeded() {
        return allPlanned && runs.size() == windows.size() && runs.stream().allMatch(FeedRun::isSucceeded);
    }
}
