package io.cubeintegration.state;

/** Where feeds keep their {@link FeedState}. Saving must be atomic: a crash leaves the old state or the new, never a mix. */
public interface FeedStateStore {

    /** The feed's state, or an empty one for a feed that never committed a run. */
    FeedState load(String feedId);

    void save(String feedId, FeedState state);

    /**
     * Makes a checkpoint durable: the state now holds {@code added} too (delivered on {@code day}). By default the
     * whole state is saved; a store that can append only what was added does so.
     */
    default void checkpoint(String feedId, FeedState state, DeliveredRecords added, java.time.LocalDate day) {
        save(feedId, state);
    }

    /** Where the states are, for log lines and errors. */
    String describe();
}
