package io.cubeintegration.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.CubePage;
import io.cubeintegration.cube.PageTail;
import io.cubeintegration.cube.PagedRequest;
import io.cubeintegration.enrich.AssignmentCustomers;
import io.cubeintegration.enrich.RunEnrichment;
import io.cubeintegration.sink.RunOutput;
import io.cubeintegration.state.DayRead;
import io.cubeintegration.state.FeedLease;
import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.FeedStateStore;
import io.cubeintegration.state.RunDeliveries;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one feed: its window, its counts and outcome, and its parts, each owning its own state: the deliveries
 * (what is a duplicate, what the commit records; {@code state}), the enrichment (plan, index, customer cache;
 * {@code enrich}) and the output (files or topics, dead letters; {@code sink}). The run and its parts travel through
 * the routes as exchange properties (see {@link #putOn}); split sub-exchanges share the same instances.
 */
public final class FeedRun implements PagedRequest {

    /** Exchange property holding the run while it is under way. */
    public static final String PROPERTY = "CubeRun";

    private static final Logger LOG = LoggerFactory.getLogger(FeedRun.class);

    private final FeedSpec feed;
    private final FeedPartition partition;
    private final FeedWindow window;
    private final Instant startedAt = Instant.now();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final RunDeliveries deliveries;
    private final RunEnrichment enrichment;
    private final RunOutput output;
    private final RecordVersions versions;
    /** What the last read of the run's day saw, or null. */
    private final DayRead lastRead;
    private volatile ReadPolicy.Plan read;
    /** The records of the page being split, with their ids, until each is addressed. */
    private final Map<ObjectNode, RecordEnvelope.Identity> identities = Collections.synchronizedMap(new IdentityHashMap<>());
    /** What this read sees of the day's list, for the next: the page size, and the last page with its records. */
    private volatile int pageSize = DayRead.NOT_NUMBERED;
    private volatile CubePage lastPage;
    private volatile List<ObjectNode> lastPageRecords = List.of();
    /** The newest record's lag at its delivery, ms; Long.MAX_VALUE before any. */
    private final AtomicLong newestLag = new AtomicLong(Long.MAX_VALUE);
    private volatile List<FeedRunListener> listeners = List.of();
    private volatile Exception failure;
    private volatile boolean succeeded;
    private volatile Instant finishedAt;

    /**
     * @param store     where the feed's state is kept
     * @param partition the campaign or assignment of a partitioned feed, or null
     * @param customers the assignment's customers the run shares with the trigger's other campaigns of it, or null
     * @param read      how the run reads its day: only what came after the day's last read, or all of it
     * @param scheduled   a run of the schedule's trigger, not by hand
     */
    FeedRun(FeedSpec feed, FeedStateStore store, FeedPartition partition, FeedWindow window, FeedState state, FeedLease lease, boolean backfill,
            AssignmentCustomers customers, ReadPolicy.Plan read, boolean scheduled) {
        this.feed = feed;
        this.partition = partition;
        this.window = window;
        this.read = read;
        this.lastRead = window == null || state == null ? null : state.dayRead(window.to());
        this.versions = new RecordVersions(feed.isEnrich());
        boolean kafka = "kafka".equals(feed.sinkKind());
        this.deliveries = new RunDeliveries(feedId(), store, feed.stateKey(partition), state, lease,
                window == null ? null : window.to(), backfill, feed.deliveryMemoryDays(), kafka);
        this.enrichment = feed.isEnrich() ? new RunEnrichment(feed.enrichmentSettings(partition, scheduled), customers, requests::incrementAndGet) : null;
        this.output = new RunOutput(feedId(), feed.sinkKind(), feed.outputDirectory(partition),
                feed.outputFolder(partition), feed.getTopic(),
                feed.getDeadLetterTopic(), startedAt, window == null ? null : window.fromParameter() + "-" + window.toParameter(),
                deliveries);
        if (window != null && !backfill) {
            deliveries.dayReadFrom(this::dayRead);
        }
        output.onDelivered(this::reachedSink);
    }

    /** Puts the run and its parts on the exchange, each under its own property, for the route's steps. */
    void putOn(Exchange exchange, List<FeedRunListener> listeners) {
        this.listeners = listeners;
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

    public FeedSpec getFeed() {
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
    public PageTail tail() {
        if (!read.tail()) {
            return null;
        }
        String known = lastRead.fingerprint();
        return new PageTail(lastRead.lastPage(), lastRead.pageSize(), lastRead.knownOnLastPage(), lastRead.known(),
                records -> versions.fingerprint(records).equals(known));
    }

    @Override
    public void tailRefused(String reason, String detail) {
        read = ReadPolicy.Plan.full(reason);
        LOG.info("feed {}: day {}: Cube's list moved since its last read ({}): reading the day in full", feedId(), window.toParameter(), detail);
    }

    @Override
    public void requestSent() {
        requests.incrementAndGet();
    }

    @Override
    public void pageFetched(CubePage page) {
        if (pages.incrementAndGet() == 1 && page.count() > 0) {
            // a tail's first page counts the known records too: what is new is the rest
            long fresh = page.count() - (page.offset() > 0 || read.tail() ? lastRead.known() : 0);
            deliveries.expect(Math.max(0, fresh));
            if (enrichment != null) {
                enrichment.expectRecords(Math.max(0, page.count() - (lastRead == null ? 0 : lastRead.known())));
            }
        }
        if (pages.get() == 1) {
            pageSize = read.tail() && !(lastRead.pageSize() == DayRead.ONE_PAGE && page.nextPage() == 2) ? lastRead.pageSize()
                    : page.nextPage() == 2 ? page.offset() + page.size() : page.nextPage() == 0 && page.number() == 1 ? DayRead.ONE_PAGE
                    : DayRead.NOT_NUMBERED;
        }
        lastPage = page;
        lastPageRecords = List.copyOf(page.records());
    }

    /**
     * What this run's read saw of its day, for the next read: the records of the list up to its last page, the
     * fingerprint of that page, and when the day was last read in full.
     */
    DayRead dayRead() {
        CubePage last = lastPage;
        if (last == null) {
            return null;
        }
        int size = pageSize;
        long known = (size > 0 ? (long) (last.number() - 1) * size : 0) + last.offset() + lastPageRecords.size();
        String fingerprint = last.offset() > 0 ? versions.extended(lastRead.fingerprint(), lastPageRecords)
                : versions.fingerprint(lastPageRecords);
        return new DayRead(known, size, fingerprint, read.tail() ? lastRead.fullReadAt() : startedAt);
    }

    /** How the run reads its day: {@code tail} or {@code full}. */
    public String readMode() {
        return read.tail() ? "tail" : "full";
    }

    /** Why the run reads its whole day ({@code first-read}, {@code reconcile}, {@code page-changed}...), {@code none} for a tail. */
    public String readReason() {
        return window == null ? "snapshot" : read.reason();
    }

    /** Whether enrichment may start before the first page arrives: only when every record of it is new. */
    public boolean isEnrichAhead() {
        return enrichment != null && !read.tail() && lastRead == null;
    }

    /** The versions of this feed's records. */
    RecordVersions versions() {
        return versions;
    }

    void identified(ObjectNode record, RecordEnvelope.Identity identity) {
        identities.put(record, identity);
    }

    RecordEnvelope.Identity identity(ObjectNode record) {
        return identities.remove(record);
    }

    /** A record leaves for the sink: its own moment, for its lag at delivery. */
    void goingOut(ObjectNode record) {
        String field = feed.getTimestampField();
        if (!field.isEmpty()) {
            long moment = RecordMoments.of(record.get(field), feed.zone());
            if (moment != RecordMoments.UNKNOWN) {
                output.recordMoment(moment);
            }
        }
    }

    /** Records reached their destination: their lags, from their own moments. */
    private void reachedSink(long[] moments, Instant at) {
        long newest = Long.MIN_VALUE;
        for (long moment : moments) {
            newest = Math.max(newest, moment);
        }
        long lag = Math.max(0, at.toEpochMilli() - newest);
        newestLag.accumulateAndGet(lag, Math::min);
        listeners.forEach(listener -> listener.recordsDelivered(this, moments, at));
    }

    /** The newest delivered record's lag, from its own moment to its delivery, or null when none was measured. */
    public Duration newestRecordLag() {
        long lag = newestLag.get();
        return lag == Long.MAX_VALUE ? null : Duration.ofMillis(lag);
    }

    /** The requests the run sent to Cube, retries included. */
    public long requests() {
        return requests.get();
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
