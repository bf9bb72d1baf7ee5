package io.cubeintegration.feed;

/** A record that cannot be delivered as it is; it goes to the feed's dead letters and the run goes on. */
public class RecordRejectedException extends RuntimeException {

    public RecordRejectedException(String message) {
        super(message);
    }
}
