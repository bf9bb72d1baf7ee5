package io.cubeintegration.cube;

/** Hears every answer Cube gives and every wait a 429 imposes, per feed: what the metrics count. */
public interface CubeRequestObserver {

    /** Hears nothing: for a client made outside the application, as the benchmark and tests do. */
    CubeRequestObserver NONE = new CubeRequestObserver() {
        @Override
        public void answered(String feedId, int status) {
        }

        @Override
        public void rateLimited(String feedId, long waitMillis) {
        }
    };

    /**
     * One request's outcome.
     *
     * @param status the HTTP status, or 0 where no answer came (connection refused, timed out, TLS refused)
     */
    void answered(String feedId, int status);

    /** A 429 asked the account to wait this long: nothing starts before it has passed, the feed's next try neither. */
    void rateLimited(String feedId, long waitMillis);

    /** The account's pace, for an observer that reports its current limit. */
    default void watch(AccountPace pace) {
    }
}
