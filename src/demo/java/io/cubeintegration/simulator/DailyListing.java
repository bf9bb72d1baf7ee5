package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A daily endpoint's records over a window of days as Cube serves them when its lists change. Days that never changed
 * are served as always, computed on demand from their position, so a huge window stays cheap; a day that changed is
 * built as a list (its generated records with the changes replayed), and while the order is unstable every day is,
 * shuffled anew for each request, but only when a page reaches it.
 */
final class DailyListing {

    private DailyListing() {
    }

    /** What an endpoint contributes: its generated records of a day, and how it serves unchanged days. */
    interface Days {

        /** How many of the day's generated records Cube holds now. */
        int heldOn(LocalDate day);

        /** The index-th generated record of the day. */
        ObjectNode record(LocalDate day, int index);

        /** How many of the day's held generated records pass the request's filter, counted without building them. */
        long matchingOn(LocalDate day);

        /** Whether a built record passes the request's filter. */
        boolean matches(ObjectNode record);

        /** The unchanged days from {@code from} to {@code to}, filtered and in their stable order, computed on demand. */
        IndexedRecords computed(LocalDate from, LocalDate to);
    }

    /**
     * The records of the days {@code from} to {@code to}.
     *
     * @param changed the endpoint's changed days (of the campaign); those outside the window are ignored
     * @param shuffle empty for Cube's stable order; else seeds this request's order of every day
     */
    static IndexedRecords records(Days days, LocalDate from, LocalDate to, NavigableMap<LocalDate, DayChanges> changed,
                                  OptionalLong shuffle) {
        if (from.isAfter(to)) {
            return days.computed(from, to);
        }
        NavigableMap<LocalDate, DayChanges> inWindow = changed.subMap(from, true, to, true);
        if (shuffle.isPresent()) {
            List<IndexedRecords> runs = new ArrayList<>();
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                runs.add(shuffled(days, day, inWindow.getOrDefault(day, DayChanges.NONE), shuffle.getAsLong()));
            }
            return new ConcatenatedRecords(runs);
        }
        if (inWindow.isEmpty()) {
            return days.computed(from, to);
        }
        List<IndexedRecords> runs = new ArrayList<>();
        LocalDate next = from;
        for (Map.Entry<LocalDate, DayChanges> entry : inWindow.entrySet()) {
            LocalDate day = entry.getKey();
            if (day.isAfter(next)) {
                runs.add(days.computed(next, day.minusDays(1)));
            }
            List<ObjectNode> served = filtered(days, asServed(days, day, entry.getValue()));
            runs.add(IndexedRecords.listed(served.size(), () -> served));
            next = day.plusDays(1);
        }
        if (!next.isAfter(to)) {
            runs.add(days.computed(next, to));
        }
        return new ConcatenatedRecords(runs);
    }

    /**
     * The day's list as it stands, in its stable order and before any filter: what positions of a change refer to.
     */
    static List<ObjectNode> asServed(Days days, LocalDate day, DayChanges changes) {
        int held = days.heldOn(day);
        List<ObjectNode> generated = new ArrayList<>(held);
        for (int index = 0; index < held; index++) {
            generated.add(days.record(day, index));
        }
        return changes.applyTo(generated);
    }

    /**
     * One day in this request's order. An unchanged day is built only if a page reaches it, and built the same way
     * every time within the request, since its order comes from the request's seed and the day alone.
     */
    private static IndexedRecords shuffled(Days days, LocalDate day, DayChanges changes, long seed) {
        Supplier<List<ObjectNode>> build = () -> {
            List<ObjectNode> served = asServed(days, day, changes);
            Collections.shuffle(served, new Random(DeterministicRandom.mix(seed, day.toEpochDay())));
            return filtered(days, served);
        };
        if (changes.isEmpty()) {
            return IndexedRecords.listed(days.matchingOn(day), build);
        }
        List<ObjectNode> built = build.get();
        return IndexedRecords.listed(built.size(), () -> built);
    }

    private static List<ObjectNode> filtered(Days days, List<ObjectNode> records) {
        return records.stream().filter(days::matches).toList();
    }
}
