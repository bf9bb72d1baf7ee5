package io.cubeintegration.feed;

/** A record that cannot be delivered as it is (bad input); it goes to the feed's dead letters and the run goes on. */
public class RecordRejectedException extends IllegalArgumentException {

    public RecordRejectedException(String message) {
        super(message);
    }
}
