package io.cubeintegration.simulator;

import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Every day of every daily endpoint that changed after Cube held it, by endpoint, campaign and day. Immutable and
 * replaced as a whole on each change, so that a request reads one version of every day it serves while a test makes
 * the next change; the days that never changed are not here and keep being computed on demand.
 */
final class ChangedDays {

    static final ChangedDays NONE = new ChangedDays(Map.of(), 0);

    private final Map<Key, NavigableMap<LocalDate, DayChanges>> days;
    private final int count;

    private ChangedDays(Map<Key, NavigableMap<LocalDate, DayChanges>> days, int count) {
        this.days = days;
        this.count = count;
    }

    /** The changed days of the endpoint (e.g. {@code responses}) of a campaign, in day order; empty if none. */
    NavigableMap<LocalDate, DayChanges> of(String endpoint, int campaignId) {
        return days.getOrDefault(new Key(endpoint, campaignId), Collections.emptyNavigableMap());
    }

    DayChanges on(String endpoint, int campaignId, LocalDate day) {
        return of(endpoint, campaignId).getOrDefault(day, DayChanges.NONE);
    }

    /** How many changes were made in all: numbers each new one, so what it generates is new and reproducible. */
    int count() {
        return count;
    }

    /** These days with one more change on the day. */
    ChangedDays with(String endpoint, int campaignId, LocalDate day, DayChanges.Change change) {
        Key key = new Key(endpoint, campaignId);
        NavigableMap<LocalDate, DayChanges> ofKey = new TreeMap<>(of(endpoint, campaignId));
        ofKey.put(day, ofKey.getOrDefault(day, DayChanges.NONE).with(change));
        Map<Key, NavigableMap<LocalDate, DayChanges>> more = new HashMap<>(days);
        more.put(key, Collections.unmodifiableNavigableMap(ofKey));
        return new ChangedDays(Map.copyOf(more), count + 1);
    }

    private record Key(String endpoint, int campaignId) {
    }
}
