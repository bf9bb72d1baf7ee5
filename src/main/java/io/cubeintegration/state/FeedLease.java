package io.cubeintegration.state;

/**
 * The exclusive right to run one feed, held for a whole trigger: from reading the feed's state to committing it. Only
 * one process of all that share the state holds it at a time, so two never fetch, deliver and commit the same window
 * side by side. A file store holds it as an OS lock on a file beside the state, a database store as a PostgreSQL
 * advisory lock; either goes with the process that held it, however it ends.
 */
public interface FeedLease extends AutoCloseable {

    /** Throws when the lease was lost since it was taken (its database connection dropped): the run must not commit. */
    void check();

    /** Lets go of the lease. */
    @Override
    void close();
}
