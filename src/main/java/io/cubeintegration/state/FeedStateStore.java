package io.cubeintegration.state;

import java.time.Duration;
import java.time.LocalDate;

/**
 * Where feeds keep their {@link FeedState}, and the lease that lets one process at a time run a feed. Saving must be
 * atomic: a crash leaves the old state or the new, never a mix.
 */
public interface FeedStateStore {

    /**
     * Takes the feed's lease, waiting up to {@code wait} while another process holds it.
     *
     * @throws FeedBusyException when another process still holds it, naming that process where the store can tell
     */
    FeedLease lease(String feedId, Duration wait);

    /** The feed's state, or an empty one for a feed that never committed a run. */
    FeedState load(String feedId);

    void save(String feedId, FeedState state);

    /**
     * Makes a checkpoint durable: the state now holds {@code added} too (delivered on {@code day}), and no page is
     * pending. A store appends only what was added.
     */
    void checkpoint(String feedId, FeedState state, VersionTable added, LocalDate day);

    /**
     * Makes durable that a page is going out (the records a run saw since its last checkpoint, from {@code sinceMillis}
     * on), until the next checkpoint or save; a load while it is pending returns it in {@link FeedState#pending()}.
     * Fails, writing nothing, when another process changed the state since this one loaded it.
     */
    void reserve(String feedId, FeedState state, VersionTable page, long sinceMillis);

    /**
     * Fails when another process changed the feed's state since this one loaded it: the last line of defence behind the
     * lease, asked before a run publishes anything it could not take back. A store that one process owns at a time
     * through its lease has nothing to check.
     */
    default void verify(String feedId, FeedState state) {
    }

    /** Where the states are, for log lines and errors. */
    String describe();
}
