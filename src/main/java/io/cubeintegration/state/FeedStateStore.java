package io.cubeintegration.state;

/** Where feeds keep their {@link FeedState}. Saving must be atomic: a crash leaves the old state or the new, never a mix. */
public interface FeedStateStore {

    /** The feed's state, or an empty one for a feed that never committed a run. */
    FeedState load(String feedId);

    void save(String feedId, FeedState state);

    /** Where the states are, for log lines and errors. */
    String describe();
}
