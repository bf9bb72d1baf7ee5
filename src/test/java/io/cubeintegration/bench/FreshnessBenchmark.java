package io.cubeintegration.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cli.ApplicationEnvironment;
import io.cubeintegration.cli.ApplicationProcess;
import io.cubeintegration.cli.RunningApplication;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;

/**
 * What freshness costs Cube: the responses feed (enriched, look-back 1) polling every minute while responses arrive,
 * with tail reads and a reconcile interval against full re-reads at every poll ({@code CUBE_RECONCILE_INTERVAL=0}).
 * <p>
 * The compressed day: the simulator's clock runs {@value #SPEED} times as fast as the wall's, the feed's cron fires
 * every second (a simulated minute) and its reconcile interval is a minute (a simulated hour); after the first poll
 * (yesterday whole and today so far) the responses of {@code --freshness-hours} simulated hours arrive, then the clock
 * stops and idle polls follow. Counted: requests per delivered record, requests of an idle poll, and each record's
 * lag, from its submitted_when to the simulated moment its file was written.
 * <p>
 * The real minute: the simulator on the wall's clock and open all day, the shipped one-minute cron, for
 * {@code --freshness-minutes}: the record lag as the application's own metric {@code cube_feed_record_lag_seconds}
 * reports it (percentiles from its buckets, as Prometheus's histogram_quantile reads them).
 */
final class FreshnessBenchmark {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** How much faster than the wall the compressed day's clock runs: a second of cron is a minute of Cube. */
    private static final int SPEED = 60;
    private static final Pattern BUCKET = Pattern.compile(
            "^cube_feed_record_lag_seconds_bucket\\{feed=\"responses\",le=\"([0-9.Ee+]+|\\+Inf)\"} ([0-9.Ee+]+)$", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path workDir;
    private final int latency;
    private final List<String> rows = new ArrayList<>();

    FreshnessBenchmark(Path workDir, int latency) {
        this.workDir = workDir;
        this.latency = latency;
    }

    void run(double hours, int minutes) throws Exception {
        compressedDay("tail reads, reconcile every hour", "60s", hours);
        compressedDay("full re-reads at every poll (CUBE_RECONCILE_INTERVAL=0)", "0", hours);
        realMinutes(minutes);
        System.out.printf(Locale.ROOT, "Freshness: the responses feed, enriched, 50 a page, %d ms a request, polled every minute%n", latency);
        System.out.println("| contender | records delivered | requests | requests per record | idle poll, requests (median) | lag p50 s | lag p99 s | lag max s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    /** A compressed busy day: a simulated minute a second, responses arriving between the polls. */
    private void compressedDay(String name, String reconcile, double hours) throws Exception {
        LocalDate today = LocalDate.now(OSLO);
        FastClock clock = new FastClock(today.atTime(10, 0).atZone(OSLO).toInstant(), SPEED);
        SimulatorSettings settings = SimulatorSettings.builder().latencyMillis(latency).responsesPerDay(6000)
                .customersPerAssignment(4500).clock(clock).build();
        Path dir = Files.createDirectories(workDir.resolve("fresh-" + System.nanoTime()));
        try (CubeSimulator cube = CubeSimulator.start(settings)) {
            Map<String, String> environment = environment(cube, dir, "* * * * * ?", settings.token());
            environment.put("CUBE_RECONCILE_INTERVAL", reconcile);
            try (RunningApplication application = RunningApplication.start(dir, environment)) {
                // the first poll: yesterday whole and today so far; from its end on, what arrives is counted
                application.awaitRuns("responses", 2);
                int requestsBefore = cube.journal().requests().size();
                int linesBefore = lines(dir).size();
                Thread.sleep((long) (hours * 3600_000 / SPEED));
                clock.pause();
                int linesAtPause = (int) application.output().lines().count();
                int requestsAtPause = cube.journal().requests().size();
                // idle polls: nothing arrives any more
                Thread.sleep(12_000);
                List<Long> idlePolls = pollRequests(application.output().lines().skip(linesAtPause).toList());
                application.close();
                List<Delivery> delivered = lines(dir);
                List<Delivery> fresh = delivered.subList(Math.min(linesBefore, delivered.size()), delivered.size());
                List<Double> lags = new ArrayList<>();
                for (Delivery delivery : fresh) {
                    Instant moment = Instant.parse(JSON.readTree(delivery.line()).get("submitted_when").asText());
                    lags.add(Duration.between(moment, clock.simulated(delivery.written())).toMillis() / 1000.0);
                }
                Collections.sort(lags);
                int requests = requestsAtPause - requestsBefore;
                rows.add(String.format(Locale.ROOT, "| compressed day (%.1f simulated hours), %s | %d | %d | %.2f | %.1f | %.0f | %.0f | %.0f |",
                        hours, name, fresh.size(), requests, fresh.isEmpty() ? 0 : requests / (double) fresh.size(),
                        median(idlePolls), quantile(lags, 0.5), quantile(lags, 0.99),
                        lags.isEmpty() ? Double.NaN : lags.get(lags.size() - 1)));
            }
        }
    }

    /** The shipped one-minute cron in real time, its lag as the application's own metric reports it. */
    private void realMinutes(int minutes) throws Exception {
        SimulatorSettings settings = SimulatorSettings.builder().latencyMillis(latency).responsesPerDay(20_000)
                .customersPerAssignment(4500).clock(Clock.systemUTC()).openingHours(0, 24).build();
        Path dir = Files.createDirectories(workDir.resolve("real-" + System.nanoTime()));
        try (CubeSimulator cube = CubeSimulator.start(settings)) {
            Map<String, String> environment = environment(cube, dir, "0 * * * * ?", settings.token());
            // the day so far first, by hand: the running application's metric then holds only what arrives while it runs
            ApplicationProcess.Result caughtUp = ApplicationProcess.run(dir, environment, "--once", "--feed", "responses");
            if (caughtUp.exitCode() != 0) {
                throw new IllegalStateException("the catch-up failed: " + caughtUp.output());
            }
            try (RunningApplication application = RunningApplication.start(dir, environment)) {
                Thread.sleep(minutes * 60_000L + 10_000);
                String metrics = application.get("/observe/metrics").body();
                TreeMap<Double, Double> buckets = new TreeMap<>();
                Matcher bucket = BUCKET.matcher(metrics);
                while (bucket.find()) {
                    buckets.put(bucket.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1)),
                            Double.parseDouble(bucket.group(2)));
                }
                long records = RunningApplication.value(metrics, "cube_feed_records_delivered_total{feed=\"responses\"}");
                long requests = cube.journal().requests().size();
                rows.add(String.format(Locale.ROOT, "| real time (%d minutes), shipped one-minute cron, the metric cube_feed_record_lag_seconds"
                                + " | %d | | | | %.0f | %.0f | %s |", minutes, records, histogramQuantile(buckets, 0.5),
                        histogramQuantile(buckets, 0.99), maxOf(metrics)));
                System.out.println("(real time: " + requests + " requests to Cube in all, the catch-up included)");
            }
        }
    }

    /** The feed, as routes/responses.yaml ships it, with this cron, writing files in the folder. */
    private static Map<String, String> environment(CubeSimulator cube, Path dir, String cron, String token) throws IOException {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("responses.yaml"), FeedYaml.feed("cube-window-feed", "responses", "campaigns/926/responses/",
                "cron", cron, "enrich", "true", "keyField", "crm_customer_id", "idFields", "campaign_id,crm_customer_id,submitted_when,type,subtype",
                "timestampField", "submitted_when"));
        Map<String, String> environment = ApplicationEnvironment.of(cube.baseUrl().toString(), token, routes);
        environment.put("CUBE_START_DATE", LocalDate.now(OSLO).minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE));
        return environment;
    }

    /** A delivered line and when its file was written. */
    private record Delivery(String line, Instant written) {
    }

    /** Every delivered line, in the order the files were written. */
    private static List<Delivery> lines(Path dir) throws IOException {
        Path out = dir.resolve("out").resolve("responses");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        List<Delivery> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.filter(file -> file.getFileName().toString().matches("\\d.*\\.jsonl")
                    && !file.getFileName().toString().contains("dead-letters")).sorted().toList()) {
                Instant written = Files.getLastModifiedTime(file).toInstant();
                Files.readAllLines(file).forEach(line -> lines.add(new Delivery(line, written)));
            }
        }
        return lines;
    }

    /** The requests of each poll, from its runs' end lines: a poll's runs end with today's. */
    private static List<Long> pollRequests(List<String> lines) {
        String today = LocalDate.now(OSLO).format(DateTimeFormatter.BASIC_ISO_DATE);
        Pattern requests = Pattern.compile("feed responses: run ok, window (\\d{8})\\.\\..*, (\\d+) requests, ");
        List<Long> polls = new ArrayList<>();
        long poll = 0;
        for (String line : lines) {
            Matcher run = requests.matcher(line);
            if (run.find()) {
                poll += Long.parseLong(run.group(2));
                if (run.group(1).equals(today)) {
                    polls.add(poll);
                    poll = 0;
                }
            }
        }
        return polls;
    }

    /** The typical poll: the median; a reconcile's full reads show in the requests per record, not here. */
    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    /** A quantile from cumulative buckets, interpolated within its bucket as Prometheus's histogram_quantile does. */
    static double histogramQuantile(TreeMap<Double, Double> buckets, double q) {
        double total = buckets.isEmpty() ? 0 : buckets.lastEntry().getValue();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return lowerBound + (bucket.getKey() - lowerBound) * (inBucket == 0 ? 1 : (rank - lowerCount) / inBucket);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    private static String maxOf(String metrics) {
        Matcher max = Pattern.compile("^cube_feed_record_lag_seconds_max\\{feed=\"responses\"} ([0-9.Ee+]+)$", Pattern.MULTILINE).matcher(metrics);
        return max.find() ? String.format(Locale.ROOT, "%.0f", Double.parseDouble(max.group(1))) : "-";
    }

    /** A clock that runs faster than the wall's from a chosen moment on, and can stop. */
    static final class FastClock extends Clock {
        private final Instant start;
        private final long startNanos = System.nanoTime();
        private final int speed;
        private volatile long pausedAt = -1;

        FastClock(Instant start, int speed) {
            this.start = start;
            this.speed = speed;
        }

        @Override
        public Instant instant() {
            long elapsed = (pausedAt >= 0 ? pausedAt : System.nanoTime()) - startNanos;
            return start.plusNanos(elapsed * speed);
        }

        /** The simulated moment of a wall-clock instant while the clock ran. */
        Instant simulated(Instant wall) {
            long elapsed = Duration.between(Instant.now(), wall).toNanos() + System.nanoTime() - startNanos;
            if (pausedAt >= 0) {
                elapsed = Math.min(elapsed, pausedAt - startNanos);
            }
            return start.plusNanos(elapsed * speed);
        }

        void pause() {
            pausedAt = System.nanoTime();
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
