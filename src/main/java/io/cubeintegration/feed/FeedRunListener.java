package io.cubeintegration.feed;

/** Hears how runs go, beside the run log: the metrics and the readiness checks. */
public interface FeedRunListener {

    /** The sink has taken a page's records. */
    default void pageDelivered(FeedRun run, int records) {
    }

    /**
     * Records of the run reached their destination now (a file renamed into place, a Kafka page acknowledged); their
     * own moments, in epoch milliseconds, give their lags.
     */
    default void recordsDelivered(FeedRun run, long[] moments, java.time.Instant at) {
    }

    /** The run ended, committed or failed. */
    void runFinished(FeedRun run);

    /** A partitioned feed's trigger ran its campaigns (or assignments): how many succeeded, how many failed. */
    default void partitionsFinished(String feedId, int succeeded, int failed) {
    }

    /** A trigger found another process running the feed and did nothing. */
    default void triggerSkipped(String feedId) {
    }
}
