package io.cubeintegration.feed;

import java.util.List;
import java.util.Locale;

import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.enrich.RunEnrichment;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how each run went: one start line, a progress line every so many pages, one end line, and the outcome on
 * the run for {@code --once}; and tells the listeners (metrics, readiness).
 */
public final class FeedRunLog {

    /** Exchange property holding the number of records in the batch of the page the sink just took. */
    public static final String BATCH_SIZE_PROPERTY = "CubeBatchSize";

    private static final Logger LOG = LoggerFactory.getLogger(FeedRunLog.class);
    /** How many of the customers a run did not find its log line names. */
    private static final int MISSING_SAMPLE = 5;

    private final List<FeedRunListener> listeners;
    private final int progressEveryPages;

    /** @param progressEveryPages a progress line every this many pages of a run; 0 for none */
    public FeedRunLog(List<FeedRunListener> listeners, int progressEveryPages) {
        if (progressEveryPages < 0) {
            throw new IllegalArgumentException("cube.progress-every-pages must be 0 or more, not " + progressEveryPages);
        }
        this.listeners = List.copyOf(listeners);
        this.progressEveryPages = progressEveryPages;
    }

    public void started(@ExchangeProperty(FeedRun.PROPERTY) FeedRun run,
                        @ExchangeProperty(FeedPlan.PLAN_PROPERTY) FeedPlan plan) {
        LOG.info("feed {}: run started{}{}: GET {}", run.feedId(),
                plan == null || plan.trigger() == null ? "" : ", trigger " + plan.trigger(),
                run.getWindow() == null ? "" : ", window " + run.getWindow(), run.path());
    }

    /** Counts a page's records once the sink has them all. */
    public void pageDelivered(@ExchangeProperty(FeedRun.PROPERTY) FeedRun run,
                              @ExchangeProperty(BATCH_SIZE_PROPERTY) int batchSize) {
        run.recordsDelivered(batchSize);
        listeners.forEach(listener -> listener.pageDelivered(run, batchSize));
        if (progressEveryPages > 0 && run.pages() % progressEveryPages == 0) {
            LOG.info(String.format(Locale.ROOT, "feed %s: progress%s: %d pages, %d records, %d duplicates left out, %d dead letters, %s s",
                    run.feedId(), run.getWindow() == null ? "" : ", window " + run.getWindow(), run.pages(), run.records(),
                    run.duplicates(), run.deadLetters(), seconds(run)));
        }
    }

    public void succeeded(@ExchangeProperty(FeedRun.PROPERTY) FeedRun run) {
        run.succeeded();
        String summary = String.format(Locale.ROOT, "feed %s: run ok%s%s: %d pages, %d records to %s, %d duplicates left out,"
                        + " %d dead letters%s%s%s, %d requests, %s s",
                run.feedId(), run.getWindow() == null ? "" : ", window " + run.getWindow(), readOf(run), run.pages(), run.records(),
                run.output().description(), run.duplicates(), run.deadLetters(),
                run.deadLetters() == 0 ? "" : " (to " + run.output().deadLetterDescription() + ")",
                run.enrichment() == null ? "" : ", " + run.enrichment().customersFetched(),
                run.newestRecordLag() == null ? "" : ", newest record " + lag(run.newestRecordLag()) + " old at delivery",
                run.requests(), seconds(run));
        if (run.deadLetters() == 0) {
            LOG.info(summary);
        } else {
            LOG.warn(summary);
        }
        RunEnrichment enrichment = run.enrichment();
        if (enrichment != null && enrichment.customersNotFound() > 0) {
            // Cube's records may name customers it no longer (or never) had: nothing to act on, so not a warning
            List<String> sample = enrichment.missingCustomersSample(MISSING_SAMPLE);
            LOG.info("feed {}: {} customer{} not found in Cube ({}{}): {} records went out with customer: null", run.feedId(),
                    enrichment.customersNotFound(), enrichment.customersNotFound() == 1 ? "" : "s",
                    String.join(", ", sample.stream().map(LogSafe::text).toList()),
                    enrichment.customersNotFound() > sample.size() ? ", …" : "", enrichment.customersNotFound() == 1 ? "its" : "their");
        }
        listeners.forEach(listener -> listener.runFinished(run));
    }

    public void failed(Exchange exchange) {
        FeedRun run = exchange.getProperty(FeedRun.PROPERTY, FeedRun.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (run == null) {
            LOG.error("run failed before it started: {}", cause == null ? "unknown" : cause.getMessage());
            return;
        }
        run.failed(cause);
        LOG.error("feed {}: run FAILED{} after {} pages, {} records delivered (not committed), {} duplicates left out,"
                        + " {} dead letters, {} requests, {} s: {}", run.feedId(), run.getWindow() == null ? "" : ", window " + run.getWindow(),
                run.pages(), run.records(), run.duplicates(), run.deadLetters(), run.requests(), seconds(run),
                cause == null ? "unknown" : LogSafe.failure(cause));
        listeners.forEach(listener -> listener.runFinished(run));
    }

    /**
     * A trigger failed before any run began: the feed's lease or state could not be had (its state database is away,
     * its state file is broken). It counts as a failed run, so metrics and readiness see it.
     */
    public void triggerFailed(Exchange exchange) {
        FeedSpec feed = exchange.getProperty(FeedSpec.PROPERTY, FeedSpec.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        FeedRun run = new FeedRun(feed, null, null, null, null, null, false, null, ReadPolicy.Plan.full("trigger-failed"), false);
        run.failed(cause);
        LOG.error("feed {}: run FAILED before it began: {}", feed.getId(), cause == null ? "unknown" : LogSafe.failure(cause));
        listeners.forEach(listener -> listener.runFinished(run));
    }

    /** How a window run read its day: {@code  (tail read)}, {@code  (full read: reconcile)}. */
    private static String readOf(FeedRun run) {
        if (run.getWindow() == null) {
            return "";
        }
        return run.readMode().equals("tail") ? " (tail read)" : " (full read: " + run.readReason() + ")";
    }

    private static String lag(java.time.Duration lag) {
        return lag.toSeconds() < 120 ? String.format(Locale.ROOT, "%.1f s", lag.toMillis() / 1000.0)
                : lag.toMinutes() < 120 ? lag.toMinutes() + " min" : lag.toHours() + " h";
    }

    private static String seconds(FeedRun run) {
        return String.format(Locale.ROOT, "%.1f", run.duration().toMillis() / 1000.0);
    }
}
