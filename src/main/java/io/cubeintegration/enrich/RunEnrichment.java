package io.cubeintegration.enrich;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.CubePage;
import io.cubeintegration.cube.CubePager;

/**
 * A run's enrichment: the feed's settings, the plan the enricher chose for the run (with its customer index), the
 * per-run customer cache and its counts, and the records it could not enrich, which go to the dead letters. Travels
 * with the run as the exchange property {@link #PROPERTY}; the page's split sub-exchanges share it.
 */
public final class RunEnrichment {

    /** Exchange property holding the run's enrichment while the run is under way. */
    public static final String PROPERTY = "CubeEnrichment";

    /** What the enricher starts while page 1 is on its way: the assignment, the customer list and its first page. */
    record Start(int assignment, CubePager.Pages list, CubePage first, java.time.Instant listedAt) {
    }

    private final EnrichmentSettings settings;
    private final AssignmentCustomers shared;
    private final Map<ObjectNode, String> rejections = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Set<String> missingCustomers = ConcurrentHashMap.newKeySet();
    private final AtomicLong lookups = new AtomicLong();
    private final AtomicLong notFound = new AtomicLong();
    private final AtomicLong listPages = new AtomicLong();
    private final AtomicLong listed = new AtomicLong();
    private final Object assignmentLock = new Object();
    private volatile Integer assignmentId;
    private volatile CompletableFuture<Start> start;
    private volatile boolean planned;
    private volatile CustomerIndex index;
    private volatile boolean indexKept;

    /** The records the run expects to be new, for the plan's choice; -1 while unknown. */
    private volatile long expectedRecords = -1;
    private final Runnable requestSent;

    /**
     * @param shared      the assignment's customers this run shares with the trigger's other runs of it, or null for its own
     * @param requestSent told of every request the enrichment sends, for the run's count
     */
    public RunEnrichment(EnrichmentSettings settings, AssignmentCustomers shared, Runnable requestSent) {
        this.settings = settings;
        this.shared = shared == null ? new AssignmentCustomers() : shared;
        this.assignmentId = settings.assignmentId();
        this.requestSent = requestSent;
    }

    /** How many of the run's records are new, as its first page tells: what the plan's lookups would be bounded by. */
    public void expectRecords(long records) {
        expectedRecords = records;
    }

    /** The records the run expects to be new, or -1 when its first page did not say. */
    long expectedRecords() {
        return expectedRecords;
    }

    /** Counts a request the enrichment sent. */
    void requestSent() {
        requestSent.run();
    }

    public EnrichmentSettings settings() {
        return settings;
    }

    public String feedId() {
        return settings.feedId();
    }

    /**
     * Marks a record that cannot be enriched (it lacks the customer field); the record step sends it to the dead
     * letters instead of failing the whole page.
     */
    void reject(ObjectNode record, String reason) {
        rejections.put(record, reason);
    }

    /** The reason the enrichment rejected a record, removing the mark, or null when it did not. */
    public String takeRejection(ObjectNode record) {
        return rejections.remove(record);
    }

    /** The customer cache: each customer is fetched at most once per run (per trigger, for campaigns of one assignment). */
    Map<Long, CompletableFuture<JsonNode>> customers() {
        return shared.customers();
    }

    /** The assignment's customers this run shares with the trigger's other runs of it. */
    AssignmentCustomers shared() {
        return shared;
    }

    /** A record's customer is not in Cube: counted once per customer and run. */
    void customerMissing(String customerKey) {
        if (missingCustomers.add(customerKey)) {
            notFound.incrementAndGet();
        }
    }

    /** The first few ids (in number order) of the customers Cube did not have, for the run's log. */
    public List<String> missingCustomersSample(int most) {
        return missingCustomers.stream().sorted(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
                .limit(most).toList();
    }

    /**
     * The run's assignment: the feed's own, or the one {@code lookUp} finds, asked once per run however many threads
     * need it. Its own lock, not the run's: the plan is chosen under the run's lock while it waits for the start,
     * which needs the assignment.
     */
    int assignment(IntSupplier lookUp) {
        Integer known = assignmentId;
        if (known != null) {
            return known;
        }
        synchronized (assignmentLock) {
            if (assignmentId == null) {
                assignmentId = lookUp.getAsInt();
            }
            return assignmentId;
        }
    }

    /** What the enricher started before page 1 arrived, or null. */
    CompletableFuture<Start> start() {
        return start;
    }

    void start(CompletableFuture<Start> start) {
        this.start = start;
    }

    /** Whether the enricher chose its plan for this run. */
    boolean planned() {
        return planned;
    }

    /** The bulk plan's index of the assignment's customers, or null when the run looks customers up one by one. */
    CustomerIndex index() {
        return index;
    }

    /** @param kept whether the index is an earlier run's, kept for the polls that follow */
    void plan(CustomerIndex index, boolean kept) {
        this.index = index;
        this.indexKept = kept;
        this.planned = true;
        this.start = null;
    }

    /** Whether the run's index is an earlier run's: a customer it lacks may be new in Cube. */
    boolean indexKept() {
        return indexKept;
    }

    /** One customer fetched on its own (the lookup plan). */
    void customerLookedUp() {
        lookups.incrementAndGet();
    }

    /** One page of the customer list loaded into the index (the bulk plan), with its customers. */
    void customerListPage(int customers) {
        listPages.incrementAndGet();
        listed.addAndGet(customers);
    }

    public long customerLookups() {
        return lookups.get();
    }

    public long customersNotFound() {
        return notFound.get();
    }

    public long customerListPages() {
        return listPages.get();
    }

    public long customersListed() {
        return listed.get();
    }

    /** The run's customers for its end line: listed from pages (bulk) or looked up one by one, and those Cube lacked. */
    public String customersFetched() {
        String fetched = customerListPages() > 0
                ? customersListed() + " customers from " + customerListPages() + " list page" + (customerListPages() == 1 ? "" : "s")
                : customerLookups() + " customers looked up";
        return fetched + ", " + customersNotFound() + " not found";
    }
}
