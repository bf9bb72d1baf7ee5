package io.cubeintegration;

import java.time.Duration;

/**
 * How long a test waits for what the application does (a start, a run's end line, a readiness answer): long enough
 * for a machine busy with other work, since a wait ends the moment its condition holds. A failing test takes this long
 * to say so; {@code -Dtest.patience=SECONDS} changes it.
 */
public final class Patience {

    /** The longest wait for an application's own signal. */
    public static final Duration LONG = Duration.ofSeconds(Long.getLong("test.patience", 180));

    private Patience() {
    }
}
