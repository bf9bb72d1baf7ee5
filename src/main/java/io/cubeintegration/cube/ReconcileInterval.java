package io.cubeintegration.cube;

import java.time.Duration;
import java.util.Locale;

import org.apache.camel.util.TimeUtils;

/**
 * How long what was read from Cube may stand unchecked ({@code cube.reconcile-interval}): a window feed reads each
 * open day in full at least this often, and a customer list indexed for enrichment serves the polls of no longer.
 */
public final class ReconcileInterval {

    private ReconcileInterval() {
    }

    /**
     * The setting as ops write it: a Camel duration ({@code 1h}, {@code 15m}, {@code 90s}, {@code 1h30m}), an
     * ISO-8601 one ({@code PT1H}), or {@code 0}: read every day in full at every poll, keep no index.
     */
    public static Duration parse(String value) {
        String text = value == null ? "" : value.trim();
        try {
            Duration interval = text.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(text)
                    : Duration.ofMillis(TimeUtils.toMilliSeconds(text));
            if (interval.isNegative()) {
                throw new IllegalArgumentException("is negative");
            }
            return interval;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cube.reconcile-interval (CUBE_RECONCILE_INTERVAL) '" + text
                    + "' is not a duration such as 1h, 15m or 0");
        }
    }
}
