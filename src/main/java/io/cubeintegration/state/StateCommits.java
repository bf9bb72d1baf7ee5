package io.cubeintegration.state;

import java.time.LocalDate;
import java.util.Set;

import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's deliveries into its feed's state. {@link #commit} runs once the sink has every record of the run
 * (Kafka acknowledged them, or the file is ready to be renamed) and advances the watermark; {@link #checkpoint}
 * records a Kafka run's acknowledged pages as it goes, so a crash re-publishes at most the page under way.
 */
public final class StateCommits {

    private static final Logger LOG = LoggerFactory.getLogger(StateCommits.class);

    /**
     * The state under a feed's state key. A Kafka feed with none there yet takes over the state an earlier release
     * kept under its id alone, so an upgrade does not publish the feed's history again; a state saved by this
     * release under the id is a file feed's and stays with it.
     */
    public static FeedState load(FeedStateStore store, String stateKey, String feedId) {
        FeedState state = store.load(stateKey);
        if (stateKey.equals(feedId) || !state.isUnsaved()) {
            return state;
        }
        FeedState earlier = store.load(feedId);
        if (!earlier.keyedByFeedOnly() || earlier.isUnsaved()) {
            return state;
        }
        LOG.info("feed {}: takes over the state an earlier release kept under {} (watermark {}) as its state for {}",
                feedId, feedId, earlier.watermark(), stateKey);
        earlier.version(0);
        return earlier;
    }

    /**
     * Records the run's deliveries and, for a scheduled window run, moves the watermark to the window's last day.
     *
     * @param committedPart the file sink's part file about to be renamed, or null
     */
    public void commit(RunDeliveries run, String committedPart) {
        FeedState state = run.state();
        // a run whose lease went (its database connection dropped) may no longer be the feed's only runner
        run.lease().check();
        synchronized (state) {
            if (run.isSnapshot()) {
                state.commitSnapshot(run.seen(), LocalDate.now(), committedPart);
            } else {
                state.commitWindow(run.seen(), run.day(), run.watermark(), run.memoryDays(), committedPart);
                DayRead read = run.dayRead();
                if (read != null) {
                    state.dayRead(run.day(), read);
                }
            }
            run.store().save(run.stateKey(), state);
        }
        LOG.debug("feed {}: state saved, watermark {}", run.feedId(), state.watermark());
    }

    /**
     * Before a run publishes what it cannot take back (Kafka): fails when another process changed the feed's state
     * since this run read it, so a run that lost that race publishes nothing.
     */
    public void verify(@ExchangeProperty(RunDeliveries.PROPERTY) RunDeliveries run) {
        run.store().verify(run.stateKey(), run.state());
    }

    public void commit(@ExchangeProperty(RunDeliveries.PROPERTY) RunDeliveries run) {
        commit(run, null);
    }

    /**
     * Before a Kafka page goes out: records durably that it is going out, with the pages before it that are not yet
     * recorded, so if the process stops before their checkpoint, the next run can find out which of their records
     * reached the topic instead of publishing them twice.
     * The write is checked against the state's version like every other, so a run that lost its race publishes nothing.
     */
    public void reserve(@ExchangeProperty(RunDeliveries.PROPERTY) RunDeliveries run) {
        FeedState state = run.state();
        synchronized (state) {
            // the pages still on their way stay pending with this one, from the oldest one's time on
            VersionTable pending = run.reservePage();
            run.store().reserve(run.stateKey(), state, pending, run.pendingSince());
        }
    }

    /**
     * Settles the pages that were going out when the last run stopped: the records of them that reached the sink count
     * as delivered, the rest go out again, and the page is no longer pending.
     *
     * @param published the keys ({@link VersionTable#key}) of the records found in the sink since the page began
     * @param sink      where they were looked for, for the log line
     */
    public void settlePending(RunDeliveries run, Set<Long> published, String sink) {
        FeedState state = run.state();
        LocalDate day = run.day();
        VersionTable found = new VersionTable();
        synchronized (state) {
            FeedState.PendingPage pending = state.pending();
            pending.records().forEach((key, version, ignored) -> {
                if (published.contains(key)) {
                    found.put(key, version, 0);
                }
            });
            state.record(found, day);
            state.pending(null);
            run.store().checkpoint(run.stateKey(), state, found, day);
            LOG.info("feed {}: {} of the {} records of the pages that were going out when its last run stopped are in {}"
                    + " already and count as delivered; the rest go out again", run.feedId(), found.size(),
                    pending.records().size(), sink);
        }
    }

    /**
     * Saves what the run delivered since its last checkpoint (the pages sent since, every one acknowledged), without
     * moving the watermark.
     */
    public void checkpoint(@ExchangeProperty(RunDeliveries.PROPERTY) RunDeliveries run) {
        FeedState state = run.state();
        LocalDate day = run.day();
        VersionTable page = run.takeUnrecorded();
        synchronized (state) {
            state.record(page, day);
            run.store().checkpoint(run.stateKey(), state, page, day);
        }
    }
}
