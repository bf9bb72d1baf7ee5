package io.cubeintegration.state;

import java.time.Duration;

/** Another process holds a feed's lease: it is running the feed now. */
public final class FeedBusyException extends IllegalStateException {

    private final String reason;

    public FeedBusyException(String feedId, String holder, String where, Duration waited) {
        this(feedId, "another process is running it (" + holder + ", lease " + where + ")"
                + (waited.isZero() ? "" : "; waited " + waited.toSeconds() + " s for it to finish"));
    }

    private FeedBusyException(String feedId, String reason) {
        super("feed " + feedId + ": " + reason);
        this.reason = reason;
    }

    /** Why the feed cannot run now, without the feed's name. */
    public String reason() {
        return reason;
    }
}
