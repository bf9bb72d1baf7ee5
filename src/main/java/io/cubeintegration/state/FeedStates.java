package io.cubeintegration.state;

import java.time.LocalDate;

import io.cubeintegration.feed.FeedDefinition;
import io.cubeintegration.feed.FeedRun;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's deliveries into its feed's state. {@link #commit} runs once the sink has every record of the run
 * (Kafka acknowledged them, or the file is ready to be renamed) and advances the watermark; {@link #checkpoint}
 * records a Kafka run's acknowledged pages as it goes, so a crash re-publishes at most the page under way.
 */
public final class FeedStates {

    private static final Logger LOG = LoggerFactory.getLogger(FeedStates.class);

    /**
     * Records the run's deliveries and, for a scheduled window run, moves the watermark to the window's last day.
     *
     * @param committedPart the file sink's part file about to be renamed, or null
     */
    public void commit(FeedRun run, String committedPart) {
        FeedState state = run.state();
        FeedDefinition feed = run.getFeed();
        CrashTestPause.at("before-state");
        // a run whose lease went (its database connection dropped) may no longer be the feed's only runner
        run.lease().check();
        synchronized (state) {
            if (run.getWindow() == null) {
                state.commitSnapshot(run.seen(), LocalDate.now(), committedPart);
            } else {
                state.commitWindow(run.seen(), run.getWindow().to(), run.isBackfill() ? null : run.getWindow().to(),
                        feed.deliveryMemoryDays(), committedPart);
            }
            feed.stateStore().save(feed.getId(), state);
        }
        LOG.debug("feed {}: state saved, watermark {}", feed.getId(), state.watermark());
        CrashTestPause.at("after-state");
    }

    /**
     * Before a run publishes what it cannot take back (Kafka): fails when another process changed the feed's state
     * since this run read it, so a run that lost that race publishes nothing.
     */
    public void verify(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run) {
        run.getFeed().stateStore().verify(run.feedId(), run.state());
    }

    public void commit(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run) {
        commit(run, null);
    }

    /** Saves what the run delivered since its last checkpoint (the page just acknowledged), without moving the watermark. */
    public void checkpoint(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run) {
        FeedState state = run.state();
        FeedDefinition feed = run.getFeed();
        LocalDate day = run.getWindow() == null ? LocalDate.now() : run.getWindow().to();
        DeliveredRecords page = run.takeSinceCheckpoint();
        CrashTestPause.at("before-state");
        synchronized (state) {
            state.record(page, day);
            feed.stateStore().checkpoint(feed.getId(), state, page, day);
        }
        CrashTestPause.at("after-state");
    }
}
