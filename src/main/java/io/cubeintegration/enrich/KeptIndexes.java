package io.cubeintegration.enrich;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bulk plan's indexes of customer lists, kept for the polls that follow: a feed polling every minute need not
 * read an assignment's whole customer list for each handful of new records. An index serves while younger than the
 * reconcile interval (from when its list was first asked for), so no customer delivered is staler than that; a
 * customer it lacks is looked up on its own, as it may be new.
 */
final class KeptIndexes {

    private record Kept(CustomerIndex index, Instant listedAt) {
    }

    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, Kept> indexes = new ConcurrentHashMap<>();

    /** @param maxAge how long an index serves; zero keeps none */
    KeptIndexes(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The index of this list by this field, if one younger than the limit is kept; else null. */
    CustomerIndex fresh(String listPath, String keyField) {
        Kept kept = indexes.get(listPath + "#" + keyField);
        if (kept == null || !clock.instant().isBefore(kept.listedAt().plus(maxAge))) {
            return null;
        }
        return kept.index();
    }

    /** Keeps an index built from the list as Cube answered it from {@code listedAt} on. */
    void keep(String listPath, String keyField, CustomerIndex index, Instant listedAt) {
        if (!maxAge.isZero()) {
            indexes.put(listPath + "#" + keyField, new Kept(index, listedAt));
        }
    }
}
