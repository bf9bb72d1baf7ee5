package io.cubeintegration.state;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a feed remembers between runs: its watermark (the last day of the last window it fully delivered), the
 * version (content hash) of every record it delivered recently, by record id, and the part files of committed file
 * runs whose rename nobody has confirmed yet. A run reads it, and only a committed run writes it back, so a failed
 * run leaves it as it was.
 */
public final class FeedState {

    private LocalDate watermark;
    /** The first day a scheduled run may fetch: the feed's first day, or the day an operator reset it to. */
    private LocalDate notBefore;
    private VersionTable delivered;
    private final List<String> committedParts;
    /** The store's version of this state when it was loaded or last saved: the optimistic check of a shared store. */
    private long version;
    private PendingPage pending;
    private boolean keyedByFeedOnly;
    /**
     * A partitioned feed's own state (beside each campaign's): every campaign or assignment it ever ran, by id, with
     * the day it closed (its last catch-up after Cube archived it), null while it is open.
     */
    private final Map<String, LocalDate> partitions = new TreeMap<>();
    /** A window feed's open days: what the last read of each saw, for the next to read only what came after. */
    private final Map<LocalDate, DayRead> reads = new TreeMap<>();

    /**
     * A page a Kafka run had begun to publish and had not yet recorded as acknowledged when its process stopped: its
     * record versions, and when it began to go out (epoch milliseconds, the publishing process's clock, as the
     * records' own timestamps).
     */
    public record PendingPage(VersionTable records, long since) {
    }

    public FeedState(LocalDate watermark, VersionTable delivered, Collection<String> committedParts) {
        this.watermark = watermark;
        this.delivered = delivered;
        this.committedParts = new ArrayList<>(committedParts);
    }

    public static FeedState empty() {
        return new FeedState(null, new VersionTable(), List.of());
    }

    long version() {
        return version;
    }

    /** The page under way when the last Kafka run stopped, or null: the next run finds out what of it reached the topic. */
    public PendingPage pending() {
        return pending;
    }

    void pending(PendingPage pending) {
        this.pending = pending;
    }

    void version(long version) {
        this.version = version;
    }

    /**
     * True for a state an earlier release saved, when states were kept by feed id alone, whatever the feed's
     * destination: such a state may be a Kafka feed's, which the feed now keeps under its feed-and-topic key.
     */
    boolean keyedByFeedOnly() {
        return keyedByFeedOnly;
    }

    void keyedByFeedOnly(boolean keyedByFeedOnly) {
        this.keyedByFeedOnly = keyedByFeedOnly;
    }

    /** True when nothing was ever saved for it: no watermark, no delivery, no pending page. */
    boolean isUnsaved() {
        return version == 0 && watermark == null && notBefore == null && pending == null && delivered.size() == 0
                && partitions.isEmpty() && reads.isEmpty();
    }

    /**
     * A partitioned feed's partitions (campaign or assignment ids) by id, with the day each closed, or null for one
     * still open: which inactive campaigns still need their last catch-up, and which are done for good.
     */
    public Map<String, LocalDate> partitions() {
        return Collections.unmodifiableMap(partitions);
    }

    /** A partition ran (again): it is open until it closes. Returns whether that changed anything. */
    public boolean partitionOpen(String id) {
        boolean known = partitions.containsKey(id);
        return partitions.put(id, null) != null || !known;
    }

    /** A partition had its last catch-up: it is not fetched again unless it comes back. */
    public void partitionClosed(String id, LocalDate day) {
        partitions.put(id, day);
    }

    /** What the last read of a day saw, or null when the state holds none for it (a new day, or one read long ago). */
    public synchronized DayRead dayRead(LocalDate day) {
        return reads.get(day);
    }

    /** The days with a last read, in order. */
    public synchronized Map<LocalDate, DayRead> dayReads() {
        return Map.copyOf(reads);
    }

    /** What a committed read of the day saw, for the next read. */
    public synchronized void dayRead(LocalDate day, DayRead read) {
        reads.put(day, read);
    }

    /** The first day a scheduled run may fetch, however far its look-back reaches; null for a state that never set it. */
    public LocalDate notBefore() {
        return notBefore;
    }

    /** A feed's first run begins here: its look-back never reaches before it (kept when the run commits). */
    public void startsAt(LocalDate day) {
        if (notBefore == null) {
            notBefore = day;
        }
    }

    void notBefore(LocalDate day) {
        notBefore = day;
    }

    /** The last day fully delivered, or null before the first run. */
    public LocalDate watermark() {
        return watermark;
    }

    /**
     * For an operator who wants days fetched and delivered again: the watermark goes to the day before, the
     * versions delivered on that day and later are forgotten, so the next run delivers their records again, and the
     * look-back begins at that day, so the next run fetches from it, not before.
     */
    public void refetchFrom(LocalDate day) {
        watermark = day.minusDays(1);
        notBefore = day;
        delivered.forgetFrom((int) day.toEpochDay());
        synchronized (this) {
            // those days are read afresh, in full
            reads.keySet().removeIf(read -> !read.isBefore(day));
        }
    }

    public VersionTable delivered() {
        return delivered;
    }

    /** True when this version of the record was delivered before: the same id with the same content. */
    public boolean wasDelivered(String recordId, String contentHash) {
        return delivered.version(VersionTable.key(recordId)) == VersionTable.version(contentHash);
    }

    /**
     * The part files of file runs whose records this state counts as delivered and whose rename into place nobody has
     * confirmed yet: a crash between saving this state and renaming one leaves it here, and whichever run next sees
     * it in its folder renames it. The list keeps every such file, not just the last run's, so an instance that
     * comes back after others committed still finds its own.
     */
    public List<String> committedParts() {
        return List.copyOf(committedParts);
    }

    /** A committed part file was renamed into place (or is known to be gone for good): forget it. */
    public void confirmed(String part) {
        committedParts.remove(part);
    }

    /** Adds deliveries made so far (a checkpoint), copying them: the run goes on adding to its own table. */
    public void record(VersionTable deliveries, LocalDate day) {
        int epochDay = (int) day.toEpochDay();
        deliveries.forEach((key, version, ignored) -> delivered.put(key, version, epochDay));
    }

    /**
     * Adds a committed window's deliveries, advances the watermark, and forgets deliveries older than it needs. The
     * window's table is the run's last word: an empty state adopts it rather than copying it.
     */
    public void commitWindow(VersionTable deliveries, LocalDate day, LocalDate newWatermark, int keepDays, String part) {
        int epochDay = (int) day.toEpochDay();
        if (delivered.size() == 0) {
            // the first window: take the run's table as it is rather than copy a million records into another
            deliveries.setDay(epochDay);
            adopt(deliveries);
        } else {
            deliveries.forEach((key, version, ignored) -> delivered.put(key, version, epochDay));
        }
        if (newWatermark != null && (watermark == null || newWatermark.isAfter(watermark))) {
            watermark = newWatermark;
        }
        if (watermark != null) {
            delivered.forgetBefore((int) watermark.minusDays(keepDays).toEpochDay());
            // a day the look-back no longer reaches is read no more: its last read is not needed
            synchronized (this) {
                reads.keySet().removeIf(read -> read.isBefore(watermark.minusDays(keepDays)));
            }
        }
        addCommittedPart(part);
    }

    private void addCommittedPart(String part) {
        if (part != null && !committedParts.contains(part)) {
            committedParts.add(part);
        }
    }

    /** Takes a run's table as the state's own, freeing the one it replaces. */
    private void adopt(VersionTable deliveries) {
        VersionTable replaced = delivered;
        delivered = deliveries;
        if (replaced != deliveries) {
            replaced.release();
        }
    }

    /** A snapshot run's deliveries replace the last: records gone from Cube are forgotten, so the state stays bounded. */
    public void commitSnapshot(VersionTable current, LocalDate day, String part) {
        current.setDay((int) day.toEpochDay());
        adopt(current);
        watermark = day;
        addCommittedPart(part);
    }
}
