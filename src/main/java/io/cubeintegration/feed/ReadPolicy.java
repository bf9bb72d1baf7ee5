package io.cubeintegration.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.cubeintegration.state.DayRead;

/**
 * How a scheduled run reads a day of a window feed: only what came after its last read (a tail read), or the whole
 * day. A tail cannot see a record edited in place, nor one filed late while another before it was removed, so every
 * day in the window is also read in full at least every {@code cube.reconcile-interval}, and once more after it has
 * ended; 0 reads in full at every poll.
 */
final class ReadPolicy {

    /** A run's way of reading its day, and why it reads the whole day. */
    record Plan(boolean tail, String reason) {
        static final Plan TAIL = new Plan(true, "none");

        static Plan full(String reason) {
            return new Plan(false, reason);
        }
    }

    private final Duration reconcileInterval;

    ReadPolicy(Duration reconcileInterval) {
        this.reconcileInterval = reconcileInterval;
    }

    /**
     * @param last     what the day's last read saw, or null
     * @param backfill a range an operator chose: read in full, and kept no read of
     */
    Plan plan(LocalDate day, DayRead last, ZoneId zone, Instant now, boolean backfill) {
        if (backfill) {
            return Plan.full("backfill");
        }
        if (last == null) {
            return Plan.full("first-read");
        }
        if (last.pageSize() == DayRead.NOT_NUMBERED) {
            return Plan.full("not-numbered");
        }
        if (reconcileInterval.isZero()) {
            return Plan.full("every-poll");
        }
        Instant ended = day.plusDays(1).atStartOfDay(zone).toInstant();
        if (!now.isBefore(ended) && last.fullReadAt().isBefore(ended)) {
            // the look-back's pass: the whole day once it is over
            return Plan.full("day-ended");
        }
        if (!now.isBefore(last.fullReadAt().plus(reconcileInterval))) {
            return Plan.full("reconcile");
        }
        return Plan.TAIL;
    }
}
