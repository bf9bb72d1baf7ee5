package io.cubeintegration.feed;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;

import io.cubeintegration.cube.CubeApiException;
import io.cubeintegration.cube.LogSafe;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how each run went: one start line, a progress line every so many pages, one end line, and the outcome on
 * the run for {@code --once}; and tells the listeners (metrics, readiness).
 */
public final class FeedRunLog {

    private static final Logger LOG = LoggerFactory.getLogger(FeedRunLog.class);

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

    public void started(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run,
                        @ExchangeProperty(FeedPlan.PLAN_PROPERTY) FeedPlan plan) {
        LOG.info("feed {}: run started{}{}: GET {}", run.feedId(),
                plan == null || plan.trigger() == null ? "" : ", trigger " + plan.trigger(),
                run.getWindow() == null ? "" : ", window " + run.getWindow(), run.path());
    }

    /** Counts a page's records once the sink has them all. */
    public void pageDelivered(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run,
                              @ExchangeProperty("CubeBatchSize") int batchSize) {
        run.recordsDelivered(batchSize);
        listeners.forEach(listener -> listener.pageDelivered(run, batchSize));
        if (progressEveryPages > 0 && run.pages() % progressEveryPages == 0) {
            LOG.info(String.format(Locale.ROOT, "feed %s: progress%s: %d pages, %d records, %d duplicates left out, %d dead letters, %s s",
                    run.feedId(), run.getWindow() == null ? "" : ", window " + run.getWindow(), run.pages(), run.records(),
                    run.duplicates(), run.deadLetters(), seconds(run)));
        }
    }

    public void succeeded(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run) {
        run.succeeded();
        String summary = String.format(Locale.ROOT, "feed %s: run ok%s: %d pages, %d records to %s, %d duplicates left out,"
                        + " %d dead letters%s%s, %s s",
                run.feedId(), run.getWindow() == null ? "" : ", window " + run.getWindow(), run.pages(), run.records(),
                run.getFeed().sinkDescription(), run.duplicates(), run.deadLetters(),
                run.deadLetters() == 0 ? "" : " (to " + run.getFeed().deadLetterDescription() + ")",
                run.getFeed().isEnrich() ? ", " + run.customersFetched() : "",
                seconds(run));
        if (run.deadLetters() == 0) {
            LOG.info(summary);
        } else {
            LOG.warn(summary);
        }
        listeners.forEach(listener -> listener.runFinished(run));
    }

    public void failed(Exchange exchange) {
        FeedRun run = exchange.getProperty(FeedDefinition.RUN_PROPERTY, FeedRun.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (run == null) {
            LOG.error("run failed before it started: {}", cause == null ? "unknown" : cause.getMessage());
            return;
        }
        run.failed(cause);
        LOG.error("feed {}: run FAILED{} after {} pages, {} records delivered (not committed), {} duplicates left out,"
                        + " {} dead letters, {} s: {}", run.feedId(), run.getWindow() == null ? "" : ", window " + run.getWindow(),
                run.pages(), run.records(), run.duplicates(), run.deadLetters(), seconds(run),
                cause == null ? "unknown" : describe(cause));
        listeners.forEach(listener -> listener.runFinished(run));
    }

    /**
     * A trigger failed before any run began: the feed's lease or state could not be had (its state database is away,
     * its state file is broken). It counts as a failed run, so metrics and readiness see it.
     */
    public void triggerFailed(Exchange exchange) {
        FeedDefinition feed = exchange.getProperty(FeedDefinition.FEED_PROPERTY, FeedDefinition.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        FeedRun run = new FeedRun(feed, null, null, null, false);
        run.failed(cause);
        LOG.error("feed {}: run FAILED before it began: {}", feed.getId(), cause == null ? "unknown" : describe(cause));
        listeners.forEach(listener -> listener.runFinished(run));
    }

    /**
     * The message worth showing: Camel wraps a failure inside splits and sub-routes in layers of "Multicast processing
     * failed"; the cause that says what went wrong (ours, or the innermost) is the one an operator needs.
     */
    public static String describe(Throwable failure) {
        return LogSafe.line(innermostMessage(failure));
    }

    private static String innermostMessage(Throwable failure) {
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CubeApiException || cause instanceof RecordRejectedException
                    || cause instanceof IllegalArgumentException
                    || cause instanceof IllegalStateException || cause instanceof java.io.UncheckedIOException) {
                // our message says what we were doing; the file system's reason (disk full, permission) says why
                String why = cause instanceof java.io.UncheckedIOException || cause.getCause() instanceof FileSystemException
                        ? fileSystemReason(cause.getCause()) : null;
                return why == null || cause.getMessage().contains(why) ? cause.getMessage() : cause.getMessage() + ": " + why;
            }
            root = cause;
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Why the operating system refused a file operation, or null when the cause is no such refusal. */
    static String fileSystemReason(Throwable cause) {
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (cause instanceof FileSystemException fileSystem) {
            return fileSystem.getReason() != null ? fileSystem.getReason() : fileSystem.getClass().getSimpleName();
        }
        if (cause instanceof IOException io) {
            return io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName();
        }
        return null;
    }

    private static String seconds(FeedRun run) {
        return String.format(Locale.ROOT, "%.1f", run.duration().toMillis() / 1000.0);
    }
}
