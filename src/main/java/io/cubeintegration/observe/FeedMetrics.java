package io.cubeintegration.observe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.cubeintegration.cube.AccountPace;
import io.cubeintegration.cube.CubeRequestObserver;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedRunListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * The feeds' metrics, in the registry Camel serves at {@code /observe/metrics} (Prometheus names in brackets):
 * runs by outcome [cube_feed_runs_total], run duration [cube_feed_run_duration_seconds], pages and records delivered
 * [cube_feed_pages_total, cube_feed_records_delivered_total], duplicates left out [cube_feed_records_duplicates_total],
 * dead letters [cube_feed_dead_letters_total], Cube answers by status [cube_requests_total], 429 waits
 * [cube_rate_limit_waits_total, cube_rate_limit_wait_seconds_total] and the watermark's age
 * [cube_feed_watermark_age_seconds], a partitioned feed's campaigns at its last trigger by outcome [cube_feed_partitions],
 * records' lag from their own moment to their delivery [cube_feed_record_lag_seconds], reads by mode and reason
 * [cube_feed_reads_total],
 * each tagged with its feed; and the account's current limit of requests at once
 * [cube_requests_concurrency_limit].
 */
public final class FeedMetrics implements CubeRequestObserver, FeedRunListener {

    /** The lag histogram's buckets, seconds: a minute's cron shows within the first ones, a day's catch-up in the last. */
    private static final double[] LAG_BUCKETS = {1, 5, 15, 30, 60, 90, 120, 300, 600, 1800, 3600, 7200, 21600, 86400};

    private final CamelContext context;
    private final Clock clock;
    private volatile MeterRegistry registry;
    /** When each feed's watermark was last committed, for its age gauge. */
    private final Map<String, Instant> committedAt = new ConcurrentHashMap<>();
    /** The feeds whose watermark gauge is registered: registering one twice makes Micrometer warn. */
    private final java.util.Set<String> gauged = ConcurrentHashMap.newKeySet();
    /** A partitioned feed's campaigns at its last trigger, by "feed/outcome". */
    private final Map<String, Integer> lastPartitions = new ConcurrentHashMap<>();
    private final java.util.Set<String> partitionsGauged = ConcurrentHashMap.newKeySet();

    public FeedMetrics(CamelContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /**
     * The registry camel-micrometer-prometheus serves, looked up at first use because Camel makes it after our beans;
     * where metrics are off (as in {@code --once}), a plain one of our own that nobody serves.
     */
    private MeterRegistry registry() {
        MeterRegistry found = registry;
        if (found == null) {
            synchronized (this) {
                found = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
                if (found == null) {
                    found = new SimpleMeterRegistry();
                    context.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, found);
                }
                registry = found;
            }
        }
        return found;
    }

    /**
     * Registers a feed's meters at zero when its route starts, so Prometheus sees every counter from 0 and
     * {@code increase()} counts its first step (a failed run included); the watermark's age starts from now.
     */
    public void feedStarted(String feed) {
        for (String outcome : new String[] {"ok", "failed", "skipped"}) {
            runs(feed, outcome);
        }
        counter("cube.feed.pages", "Pages whose records the sink has taken", feed);
        counter("cube.feed.records.delivered", "Records the sink has taken", feed);
        counter("cube.feed.records.duplicates", "Records left out because that version was delivered before", feed);
        counter("cube.feed.dead.letters", "Records sent to the dead letters", feed);
        counter("cube.rate.limit.waits", "Waits a 429 from Cube imposed", feed);
        counter("cube.rate.limit.wait.seconds", "Seconds spent waiting after 429s", feed);
        lag(feed);
        committedAt.putIfAbsent(feed, clock.instant());
        watermarkGauge(feed);
    }

    /** Counts a page the sink has taken, with its records. */
    @Override
    public void pageDelivered(FeedRun run, int records) {
        counter("cube.feed.pages", "Pages whose records the sink has taken", run.getFeed().getId()).increment();
        counter("cube.feed.records.delivered", "Records the sink has taken", run.getFeed().getId()).increment(records);
    }

    /** Records reached their destination: each one's lag, from its own moment to now, into the feed's histogram. */
    @Override
    public void recordsDelivered(FeedRun run, long[] moments, Instant at) {
        DistributionSummary lags = lag(run.getFeed().getId());
        long now = at.toEpochMilli();
        for (long moment : moments) {
            lags.record(Math.max(0, now - moment) / 1000.0);
        }
    }

    private DistributionSummary lag(String feed) {
        return DistributionSummary.builder("cube.feed.record.lag").baseUnit("seconds")
                .description("Seconds from a record's own moment (its feed's timestampField) to its delivery: its file renamed"
                        + " into place, or its Kafka page acknowledged")
                .serviceLevelObjectives(LAG_BUCKETS).tag("feed", feed).register(registry());
    }

    /**
     * Counts a finished run, its duplicates and dead letters, and restarts the watermark's age if it committed. A
     * partitioned feed's campaigns count under the feed: each campaign's run is one run.
     */
    @Override
    public void runFinished(FeedRun run) {
        String feed = run.getFeed().getId();
        String outcome = run.isSucceeded() ? "ok" : "failed";
        runs(feed, outcome).increment();
        if (run.pages() > 0) {
            Counter.builder("cube.feed.reads")
                    .description("Reads of an endpoint by the runs: mode tail (only what came after the last read) or full, and why a"
                            + " full read (first-read, reconcile, day-ended, every-poll, page-changed, count-shrank, page-size,"
                            + " page-missing, unknown-shape, not-numbered, backfill, snapshot; none for a tail)")
                    .tag("feed", feed).tag("mode", run.readMode()).tag("reason", run.readReason()).register(registry()).increment();
        }
        Timer.builder("cube.feed.run.duration").description("How long feed runs took").tag("feed", feed)
                .tag("outcome", outcome).register(registry()).record(run.duration().toNanos(), TimeUnit.NANOSECONDS);
        counter("cube.feed.records.duplicates", "Records left out because that version was delivered before", feed)
                .increment(run.duplicates());
        counter("cube.feed.dead.letters", "Records sent to the dead letters", feed).increment(run.deadLetters());
        if (run.isSucceeded()) {
            watermarkCommitted(feed);
        }
    }

    /** A partitioned feed's last trigger: how many of its campaigns (or assignments) succeeded and failed. */
    @Override
    public void partitionsFinished(String feedId, int succeeded, int failed) {
        lastPartitions.put(feedId + "/ok", succeeded);
        lastPartitions.put(feedId + "/failed", failed);
        if (partitionsGauged.add(feedId)) {
            for (String outcome : new String[] {"ok", "failed"}) {
                Gauge.builder("cube.feed.partitions", lastPartitions, counts -> counts.getOrDefault(feedId + "/" + outcome, 0))
                        .description("A partitioned feed's campaigns (or assignments) at its last trigger, by outcome")
                        .tag("feed", feedId).tag("outcome", outcome).register(registry());
            }
        }
    }

    /** Counts a trigger that found another process running the feed: neither a run nor a failure. */
    @Override
    public void triggerSkipped(String feedId) {
        runs(feedId, "skipped").increment();
    }

    private Counter runs(String feed, String outcome) {
        return Counter.builder("cube.feed.runs")
                .description("Feed runs by outcome (ok, failed; skipped: another process was running the feed)")
                .tag("feed", feed).tag("outcome", outcome).register(registry());
    }

    /** The feed's state was committed now: its watermark is fresh. */
    void watermarkCommitted(String feed) {
        committedAt.put(feed, clock.instant());
        watermarkGauge(feed);
    }

    private void watermarkGauge(String feed) {
        if (!gauged.add(feed)) {
            return;
        }
        Gauge.builder("cube.feed.watermark.age", committedAt, committed -> ageSeconds(committed.get(feed)))
                .description("Seconds since the feed last committed its watermark (a successful run), or since it started")
                .baseUnit("seconds").tag("feed", feed).register(registry());
    }

    @Override
    public void answered(String feedId, int status) {
        Counter.builder("cube.requests").description("Cube answers by HTTP status (0: no answer)")
                .tag("feed", feedOrNone(feedId)).tag("status", Integer.toString(status)).register(registry()).increment();
    }

    @Override
    public void watch(AccountPace pace) {
        Gauge.builder("cube.requests.concurrency.limit", pace, AccountPace::limit)
                .description("Requests to Cube allowed at once now, all feeds together: lowered by 429s, grown back by successes")
                .register(registry());
    }

    @Override
    public void rateLimited(String feedId, long waitMillis) {
        String feed = feedOrNone(feedId);
        counter("cube.rate.limit.waits", "Waits a 429 from Cube imposed", feed).increment();
        counter("cube.rate.limit.wait.seconds", "Seconds spent waiting after 429s", feed).increment(waitMillis / 1000.0);
    }

    private double ageSeconds(Instant committed) {
        return committed == null ? Double.NaN : Duration.between(committed, clock.instant()).toMillis() / 1000.0;
    }

    private Counter counter(String name, String description, String feed) {
        return Counter.builder(name).description(description).tag("feed", feed).register(registry());
    }

    /** Requests made outside a feed (the start-up credentials check) count under feed="-". */
    private static String feedOrNone(String feedId) {
        return feedId == null || feedId.isBlank() ? "-" : feedId;
    }
}
