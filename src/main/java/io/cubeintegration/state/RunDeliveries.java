package io.cubeintegration.state;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A run's part of its feed's state: the state as the last committed run left it, the lease the run holds, and the
 * record versions this run saw (all of them for the commit, and for a Kafka run those since its last checkpoint).
 * It decides which records are duplicates; {@link StateCommits} writes it into the feed's state. Travels with the run
 * as the exchange property {@link #PROPERTY}.
 */
public final class RunDeliveries {

    /** Exchange property holding the run's deliveries while the run is under way. */
    public static final String PROPERTY = "CubeDeliveries";

    private final String feedId;
    private final FeedStateStore store;
    private final String stateKey;
    private final FeedState state;
    private final FeedLease lease;
    private final LocalDate windowEnd;
    private final boolean backfill;
    private final int memoryDays;
    /** Whether the sink checkpoints page by page (Kafka), so the run keeps what it saw since the last checkpoint. */
    private final boolean checkpointed;
    private final AtomicLong duplicates = new AtomicLong();
    private final VersionTable seen = new VersionTable();
    /** A Kafka run's records of the page being batched, not yet handed to the sink. */
    private VersionTable building = new VersionTable();
    /**
     * A Kafka run's records of the pages handed to the sink since its last checkpoint (on their way, or acknowledged
     * and not yet recorded): what is pending, and what the next checkpoint adds to the state.
     */
    private VersionTable unrecorded = new VersionTable();
    /** When the first page since the last checkpoint was reserved (epoch ms), 0 when none is: where a read-back starts. */
    private long pendingSince;
    /** What the run's read of its day saw, asked for at the commit; null for runs that keep no read (snapshots, backfills). */
    private Supplier<DayRead> dayRead = () -> null;

    /**
     * @param windowEnd  the last day of a window run's window, null for a snapshot run
     * @param backfill   a run over days an operator chose: it never moves the watermark
     * @param memoryDays how many days of deliveries the state keeps for duplicate detection
     */
    public RunDeliveries(String feedId, FeedStateStore store, String stateKey, FeedState state, FeedLease lease,
                         LocalDate windowEnd, boolean backfill, int memoryDays, boolean checkpointed) {
        this.feedId = feedId;
        this.store = store;
        this.stateKey = stateKey;
        this.state = state;
        this.lease = lease;
        this.windowEnd = windowEnd;
        this.backfill = backfill;
        this.memoryDays = memoryDays;
        this.checkpointed = checkpointed;
    }

    /**
     * True the first time this version of a record comes by: not delivered by a committed run, nor earlier in this
     * one. Every record seen is remembered for the commit, duplicates too, so the state keeps knowing them.
     */
    public synchronized boolean firstDelivery(String recordId, String contentHash) {
        long key = VersionTable.key(recordId);
        long version = VersionTable.version(contentHash);
        long delivered = state.delivered().version(key);
        long before = seen.put(key, version, 0);
        if (checkpointed) {
            building.put(key, version, 0);
        }
        boolean duplicate = before == version || (before == VersionTable.ABSENT && delivered == version);
        if (duplicate) {
            duplicates.incrementAndGet();
        }
        return !duplicate;
    }

    /** Sizes the table of what the run sees for the record count Cube announced on the first page. */
    public synchronized void expect(long records) {
        seen.expect(records);
    }

    public long duplicates() {
        return duplicates.get();
    }

    /** The feed's state as the last committed run left it; this run's deliveries join it when it commits. */
    public FeedState state() {
        return state;
    }

    /** Where the commit finds what the run's read of its day saw. */
    public void dayReadFrom(Supplier<DayRead> read) {
        this.dayRead = read;
    }

    /** What the run's read of its day saw, for the next read, or null. */
    DayRead dayRead() {
        return backfill ? null : dayRead.get();
    }

    /** The page under way when the feed's last run stopped, or null. */
    public FeedState.PendingPage pending() {
        return state.pending();
    }

    public String feedId() {
        return feedId;
    }

    /**
     * The run's own table of what it delivered has gone into the state (or the run failed): free it now, unless the
     * state took the table itself (its first commit, or a snapshot's).
     */
    public synchronized void release() {
        if (state == null || state.delivered() != seen) {
            seen.release();
        }
    }

    FeedStateStore store() {
        return store;
    }

    String stateKey() {
        return stateKey;
    }

    FeedLease lease() {
        return lease;
    }

    /** The day deliveries are recorded under: the window's last day, today for a snapshot. */
    LocalDate day() {
        return windowEnd == null ? LocalDate.now() : windowEnd;
    }

    boolean isSnapshot() {
        return windowEnd == null;
    }

    /** The watermark a commit moves to: the window's last day, none for a backfill. */
    LocalDate watermark() {
        return backfill ? null : windowEnd;
    }

    int memoryDays() {
        return memoryDays;
    }

    VersionTable seen() {
        return seen;
    }

    /**
     * The page about to go out joins the pages on their way: returns every record handed to the sink since the last
     * checkpoint, what the reservation makes pending.
     */
    synchronized VersionTable reservePage() {
        VersionTable page = building;
        building = new VersionTable();
        page.forEach((key, version, ignored) -> unrecorded.put(key, version, 0));
        page.release();
        if (pendingSince == 0) {
            pendingSince = System.currentTimeMillis();
        }
        return unrecorded;
    }

    /** When the oldest page still unrecorded was reserved: it may have reached the topic from then on. */
    synchronized long pendingSince() {
        return pendingSince;
    }

    /** The records of the pages handed to the sink since the last checkpoint, all acknowledged now: what it records. */
    synchronized VersionTable takeUnrecorded() {
        VersionTable taken = unrecorded;
        unrecorded = new VersionTable();
        pendingSince = 0;
        return taken;
    }
}
