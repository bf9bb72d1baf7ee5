package io.cubeintegration.feed;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.CubePage;
import io.cubeintegration.cube.PagedRequest;
import io.cubeintegration.state.DeliveredRecords;
import io.cubeintegration.state.FeedLease;
import io.cubeintegration.state.FeedState;

/**
 * One run of one feed: its window, what it has fetched and delivered so far, and the per-run customer cache. It
 * travels through the route as an exchange property; split sub-exchanges share the same instance.
 */
public final class FeedRun implements PagedRequest {

    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final FeedDefinition feed;
    private final FeedWindow window;
    private final Instant startedAt = Instant.now();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong customerLookups = new AtomicLong();
    private final AtomicLong customersNotFound = new AtomicLong();
    private final AtomicLong customerListPages = new AtomicLong();
    private final AtomicLong customersListed = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<ObjectNode, String> rejections = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Map<Long, CompletableFuture<JsonNode>> customers = new ConcurrentHashMap<>();
    private volatile Integer assignmentId;
    private volatile Exception failure;
    private volatile boolean succeeded;
    private volatile Instant finishedAt;

    private final FeedState state;
    private final FeedLease lease;
    private final boolean backfill;
    /** Whether the sink checkpoints page by page (Kafka), so the run keeps what it saw since the last checkpoint. */
    private final boolean checkpointed;
    private final AtomicLong duplicates = new AtomicLong();
    private final DeliveredRecords seen = new DeliveredRecords();
    /** A Kafka run's deliveries since its last checkpoint: what the next checkpoint adds to the state. */
    private DeliveredRecords sinceCheckpoint = new DeliveredRecords();

    FeedRun(FeedDefinition feed, FeedWindow window, FeedState state, FeedLease lease, boolean backfill) {
        this.feed = feed;
        this.window = window;
        this.state = state;
        this.lease = lease;
        this.backfill = backfill;
        this.assignmentId = feed.assignmentIdOrNull();
        this.checkpointed = "kafka".equals(feed.sinkKind());
    }

    /** The feed's state as the last committed run left it; this run's deliveries join it when it commits. */
    public FeedState state() {
        return state;
    }

    /** The feed's lease, held for this run's whole trigger: checked before the run commits. */
    public FeedLease lease() {
        return lease;
    }

    /** A run over dates an operator chose (--from/--to): it never moves the watermark. */
    public boolean isBackfill() {
        return backfill;
    }

    /**
     * True the first time this version of a record comes by: not delivered by a committed run, nor earlier in this
     * one. Every record seen is remembered for the commit, duplicates too, so the state keeps knowing them.
     */
    public synchronized boolean firstDelivery(String recordId, String contentHash) {
        long key = DeliveredRecords.key(recordId);
        long version = DeliveredRecords.version(contentHash);
        long delivered = state.delivered().version(key);
        long before = seen.put(key, version, 0);
        if (checkpointed) {
            sinceCheckpoint.put(key, version, 0);
        }
        boolean duplicate = before == version || (before == DeliveredRecords.ABSENT && delivered == version);
        if (duplicate) {
            duplicates.incrementAndGet();
        }
        return !duplicate;
    }

    /** What the run saw since the last checkpoint, left as it is: the page about to go out. */
    public synchronized DeliveredRecords sinceCheckpoint() {
        return sinceCheckpoint;
    }

    /** What the run saw since the last call: the records a checkpoint adds to the state. */
    public synchronized DeliveredRecords takeSinceCheckpoint() {
        DeliveredRecords taken = sinceCheckpoint;
        sinceCheckpoint = new DeliveredRecords();
        return taken;
    }

    /** Every record this run saw, with the version of its content. */
    public DeliveredRecords seen() {
        return seen;
    }

    public long duplicates() {
        return duplicates.get();
    }

    public FeedDefinition getFeed() {
        return feed;
    }

    /** The window of a window feed, null for a snapshot feed. */
    public FeedWindow getWindow() {
        return window;
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    @Override
    public String feedId() {
        return feed.getId();
    }

    @Override
    public String path() {
        return feed.getPath();
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
            synchronized (this) {
                seen.expect(page.count());
            }
        }
    }

    /** Counts the records of a page that reached the sink, once the sink has all of them. */
    public void recordsDelivered(int count) {
        records.addAndGet(count);
    }

    /**
     * Marks a record that cannot go to the sink (it lacks what a step before the split needs); the record step
     * sends it to the dead letters instead of failing the whole page.
     */
    public void reject(ObjectNode record, String reason) {
        rejections.put(record, reason);
    }

    /** The reason a record was rejected, removing the mark, or null when it was not. */
    public String takeRejection(ObjectNode record) {
        return rejections.remove(record);
    }

    public void deadLettered() {
        deadLetters.incrementAndGet();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    /** The name of this run's output file: start time, then the window, so names sort in run order. */
    public String getFileName() {
        return FILE_STAMP.format(startedAt) + (window == null ? "" : "_" + window.fromParameter() + "-" + window.toParameter())
                + ".jsonl";
    }

    /** When the run that named this file (its output, part or dead-letter file) started; throws when it is no such name. */
    public static Instant startOf(String fileName) {
        String name = fileName.startsWith(".") ? fileName.substring(1) : fileName;
        int end = name.indexOf('_') > 0 ? name.indexOf('_') : name.indexOf(".jsonl");
        return FILE_STAMP.parse(name.substring(0, end), Instant::from);
    }

    /** The file a file sink appends to while the run is under way; hidden, and renamed when the run succeeds. */
    public String getPartFileName() {
        return "." + getFileName() + ".part";
    }

    /** The file a file sink's dead letters go to, beside the run's output file. */
    public String getDeadLetterFileName() {
        return getFileName().replace(".jsonl", ".dead-letters.jsonl");
    }

    /** Where the dead letters are appended while the run is under way. */
    public String getDeadLetterPartFileName() {
        return "." + getDeadLetterFileName() + ".part";
    }

    public Path getOutputDirectory() {
        return feed.outputDirectory();
    }

    /** The per-run customer cache: each customer is fetched at most once per run, even by concurrent lookups. */
    public Map<Long, CompletableFuture<JsonNode>> customers() {
        return customers;
    }

    private volatile boolean enrichmentPlanned;
    private volatile Object customerIndex;
    private volatile Object enrichmentStart;
    private final java.util.Set<String> missingCustomers = ConcurrentHashMap.newKeySet();

    /** Whether the enricher chose its plan for this run. */
    public boolean enrichmentPlanned() {
        return enrichmentPlanned;
    }

    /** The enricher's bulk index for this run, or null when it looks customers up one by one. */
    public Object customerIndex() {
        return customerIndex;
    }

    public void planEnrichment(Object index) {
        this.customerIndex = index;
        this.enrichmentPlanned = true;
        this.enrichmentStart = null;
    }

    /** What the enricher started before page 1 arrived (the assignment, the customer list's first page), or null. */
    public Object enrichmentStart() {
        return enrichmentStart;
    }

    public void enrichmentStart(Object started) {
        this.enrichmentStart = started;
    }

    /** True the first time a missing customer comes by in this run, so it is counted and logged once. */
    public boolean firstMissing(String customerKey) {
        return missingCustomers.add(customerKey);
    }

    public Integer assignmentId() {
        return assignmentId;
    }

    public void assignmentId(Integer assignmentId) {
        this.assignmentId = assignmentId;
    }

    /** One customer fetched on its own (the lookup plan). */
    public void customerLookedUp() {
        customerLookups.incrementAndGet();
    }

    /** One page of the customer list loaded into the index (the bulk plan), with its customers. */
    public void customerListPage(int customers) {
        customerListPages.incrementAndGet();
        customersListed.addAndGet(customers);
    }

    public void customerNotFound() {
        customersNotFound.incrementAndGet();
    }

    public long pages() {
        return pages.get();
    }

    public long records() {
        return records.get();
    }

    public long customerLookups() {
        return customerLookups.get();
    }

    public long customersNotFound() {
        return customersNotFound.get();
    }

    public long customerListPages() {
        return customerListPages.get();
    }

    public long customersListed() {
        return customersListed.get();
    }

    /** The run's customers for its end line: listed from pages (bulk) or looked up one by one, and those Cube lacked. */
    public String customersFetched() {
        String fetched = customerListPages() > 0
                ? customersListed() + " customers from " + customerListPages() + " list page" + (customerListPages() == 1 ? "" : "s")
                : customerLookups() + " customers looked up";
        return fetched + ", " + customersNotFound() + " not found";
    }

    void succeeded() {
        this.succeeded = true;
        this.finishedAt = Instant.now();
        releaseSeen();
    }

    void failed(Exception failure) {
        this.failure = failure;
        this.finishedAt = Instant.now();
        releaseSeen();
    }

    /**
     * The run's own table of what it delivered has gone into the state (or the run failed): free it now, unless the
     * state took the table itself (its first commit, or a snapshot's).
     */
    private void releaseSeen() {
        synchronized (this) {
            if (state == null || state.delivered() != seen) {
                seen.release();
            }
        }
    }

    /** When the run ended, or null while it is under way. */
    public Instant getFinishedAt() {
        return finishedAt;
    }

    /** The run's length so far, or in all once it ended. */
    public java.time.Duration duration() {
        return java.time.Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt);
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
        return "run of feed " + feed.getId() + (window == null ? "" : " window " + window);
    }
}
