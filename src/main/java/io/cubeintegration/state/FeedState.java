package io.cubeintegration.state;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * What a feed remembers between runs: its watermark (the last day of the last window it fully delivered) and the
 * version (content hash) of every record it delivered recently, by record id. A run reads it, and only a committed
 * run writes it back, so a failed run leaves it as it was.
 */
public final class FeedState {

    /** One delivered record: the hash of its content, and the day of the window that delivered it. */
    public record Delivery(String contentHash, LocalDate day) {
    }

    private LocalDate watermark;
    private final Map<String, Delivery> delivered;
    private String committedPart;

    public FeedState(LocalDate watermark, Map<String, Delivery> delivered, String committedPart) {
        this.watermark = watermark;
        this.delivered = new HashMap<>(delivered);
        this.committedPart = committedPart;
    }

    public static FeedState empty() {
        return new FeedState(null, Map.of(), null);
    }

    /** The last day fully delivered, or null before the first run. */
    public LocalDate watermark() {
        return watermark;
    }

    /** Sets the watermark, for an operator who wants days fetched again (or skipped). */
    public void resetWatermark(LocalDate day) {
        watermark = day;
    }

    public Map<String, Delivery> delivered() {
        return delivered;
    }

    /** True when this version of the record was delivered before: the same id with the same content. */
    public boolean wasDelivered(String recordId, String contentHash) {
        Delivery delivery = delivered.get(recordId);
        return delivery != null && delivery.contentHash().equals(contentHash);
    }

    /**
     * The part file of a file run whose records this state counts as delivered; if a crash came between saving this
     * state and renaming that file, the next run renames it.
     */
    public String committedPart() {
        return committedPart;
    }

    /** Adds a committed window's deliveries, advances the watermark, and forgets deliveries older than it needs. */
    public void commitWindow(Map<String, String> deliveries, LocalDate day, LocalDate newWatermark, int keepDays,
                             String part) {
        deliveries.forEach((id, hash) -> delivered.put(id, new Delivery(hash, day)));
        if (newWatermark != null && (watermark == null || newWatermark.isAfter(watermark))) {
            watermark = newWatermark;
        }
        if (watermark != null) {
            LocalDate horizon = watermark.minusDays(keepDays);
            delivered.values().removeIf(delivery -> delivery.day().isBefore(horizon));
        }
        committedPart = part;
    }

    /** A snapshot run's deliveries replace the last: records gone from Cube are forgotten, so the state stays bounded. */
    public void commitSnapshot(Map<String, String> current, LocalDate day, String part) {
        delivered.clear();
        current.forEach((id, hash) -> delivered.put(id, new Delivery(hash, day)));
        watermark = day;
        committedPart = part;
    }
}
