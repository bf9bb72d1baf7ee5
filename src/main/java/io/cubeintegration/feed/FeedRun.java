package io.cubeintegration.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cubeintegration.cube.CubePage;
import io.cubeintegration.cube.PagedRequest;
import io.cubeintegration.enrich.AssignmentCustomers;
import io.cubeintegration.enrich.RunEnrichment;
import io.cubeintegration.sink.RunOutput;
import io.cubeintegration.state.FeedLease;
import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.RunDeliveries;
import org.apache.camel.Exchange;

/**
 * One run of one feed: its window, its counts and outcome, and its parts, each owning its own state: the deliveries
 * (what is a duplicate, what the commit records; {@code state}), the enrichment (plan, index, customer cache;
 * {@code enrich}) and the output (files or topics, dead letters; {@code sink}). The run and its parts travel through
 * the routes as exchange properties (see {@link #putOn}); split sub-exchanges share the same instances.
 */
public final class FeedRun implements PagedRequest {

    /** Exchange property holding the run while it is under way. */
    public static final String PROPERTY = "CubeRun";

    private final FeedDefinition feed;
    private final FeedPartition partition;
    private final FeedWindow window;
    private final Instant startedAt = Instant.now();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final RunDeliveries deliveries;
    private final RunEnrichment enrichment;
    private final RunOutput output;
    private volatile Exception failure;
    private volatile boolean succeeded;
    private volatile Instant finishedAt;

    /**
     * @param partition the campaign or assignment of a partitioned feed, or null
     * @param customers the assignment's customers the run shares with the trigger's other campaigns of it, or null
     */
    FeedRun(FeedDefinition feed, FeedPartition partition, FeedWindow window, FeedState state, FeedLease lease, boolean backfill,
            AssignmentCustomers customers) {
        this.feed = feed;
        this.partition = partition;
        this.window = window;
        boolean kafka = "kafka".equals(feed.sinkKind());
        this.deliveries = new RunDeliveries(feedId(), feed.stateStore(), feed.stateKey(partition), state, lease,
                window == null ? null : window.to(), backfill, feed.deliveryMemoryDays(), kafka);
        this.enrichment = feed.isEnrich() ? new RunEnrichment(feed.enrichmentSettings(partition), customers) : null;
        this.output = new RunOutput(feedId(), feed.sinkKind(), feed.outputDirectory(partition),
                feed.outputFolder(partition), feed.getTopic(),
                feed.getDeadLetterTopic(), startedAt, window == null ? null : window.fromParameter() + "-" + window.toParameter(),
                deliveries);
    }

    /** Puts the run and its parts on the exchange, each under its own property, for the route's steps. */
    void putOn(Exchange exchange) {
        exchange.setProperty(PROPERTY, this);
        exchange.setProperty(RunDeliveries.PROPERTY, deliveries);
        exchange.setProperty(RunOutput.PROPERTY, output);
        if (enrichment != null) {
            exchange.setProperty(RunEnrichment.PROPERTY, enrichment);
        } else {
            exchange.removeProperty(RunEnrichment.PROPERTY);
        }
    }

    /** What the run delivered and which records are duplicates. */
    public RunDeliveries deliveries() {
        return deliveries;
    }

    /** The run's enrichment, or null for a feed that does not enrich. */
    public RunEnrichment enrichment() {
        return enrichment;
    }

    /** Where the run's records go. */
    public RunOutput output() {
        return output;
    }

    public long duplicates() {
        return deliveries.duplicates();
    }

    public long deadLetters() {
        return output.deadLetters();
    }

    public FeedDefinition getFeed() {
        return feed;
    }

    /** The campaign or assignment of a partitioned feed's run, or null. */
    public FeedPartition partition() {
        return partition;
    }

    /** The window of a window feed, null for a snapshot feed. */
    public FeedWindow getWindow() {
        return window;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    /** The feed's id, with the campaign or assignment of a partitioned feed's run ({@code responses[926]}), for log lines. */
    @Override
    public String feedId() {
        return partition == null ? feed.getId() : feed.getId() + "[" + partition.key() + "]";
    }

    @Override
    public String path() {
        return partition == null ? feed.getPath() : partition.path(feed.getPath());
    }

    @Override
    public Map<String, String> query() {
        Map<String, String> query = new LinkedHashMap<>();
        if (window != null) {
            query.put("from_date", window.fromParameter());
            query.put("to_date", window.toParameter());
        }
        query.putAll(feed.filterParameters());
        return query;
    }

    @Override
    public void pageFetched(CubePage page) {
        if (pages.incrementAndGet() == 1 && page.count() > 0) {
            deliveries.expect(page.count());
        }
    }

    /** Counts the records of a page that reached the sink, once the sink has all of them. */
    public void recordsDelivered(int count) {
        records.addAndGet(count);
    }

    public long pages() {
        return pages.get();
    }

    public long records() {
        return records.get();
    }

    void succeeded() {
        this.succeeded = true;
        this.finishedAt = Instant.now();
        deliveries.release();
    }

    void failed(Exception failure) {
        this.failure = failure;
        this.finishedAt = Instant.now();
        deliveries.release();
    }

    /** When the run ended, or null while it is under way. */
    public Instant getFinishedAt() {
        return finishedAt;
    }

    /** The run's length so far, or in all once it ended. */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt);
    }

    public boolean isSucceeded() {
        return succeeded;
    }

    /** Why the run failed, or null. */
    public Exception failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "run of feed " + feedId() + (window == null ? "" : " window " + window);
    }
}
