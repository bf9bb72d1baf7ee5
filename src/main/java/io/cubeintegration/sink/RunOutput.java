package io.cubeintegration.sink;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.cubeintegration.state.RunDeliveries;
import org.apache.camel.Exchange;

/**
 * A run as its sink sees it: where the records go (the feed's output folder and the run's file names, or its topics),
 * the run's deliveries to commit or settle, and its dead letters. Travels with the run as the exchange property
 * {@link #PROPERTY}; the sink routes and beans read nothing else of the run.
 */
public final class RunOutput {

    /** Exchange property holding the run's output while the run is under way. */
    public static final String PROPERTY = "CubeOutput";

    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final String feedId;
    private final boolean kafka;
    private final Path outputDirectory;
    private final String folder;
    private final String topic;
    private final String deadLetterTopic;
    private final Instant startedAt;
    private final String window;
    private final RunDeliveries deliveries;
    private final AtomicLong deadLetters = new AtomicLong();
    /** A Kafka run's pages sent and not yet known acknowledged, oldest first. */
    private final Deque<CompletableFuture<Exchange>> pagesOnTheirWay = new ArrayDeque<>();
    /** The own moments (epoch ms) of the records handed to the sink since the last delivery was told of. */
    private long[] moments = new long[64];
    private int momentCount;
    /** Who hears that records reached their destination, with their own moments, for the records' lag. */
    private volatile BiConsumer<long[], Instant> onDelivered = (delivered, at) -> { };

    /**
     * @param sinkKind file or kafka
     * @param folder   the output folder below the out dir: the feed's id, and a partitioned feed's campaign below it
     * @param window   the run's window as its file names show it ({@code 20260101-20260101}), null for a snapshot run
     */
    public RunOutput(String feedId, String sinkKind, Path outputDirectory, String folder, String topic, String deadLetterTopic,
                     Instant startedAt, String window, RunDeliveries deliveries) {
        this.feedId = feedId;
        this.kafka = sinkKind.equals("kafka");
        this.outputDirectory = outputDirectory;
        this.folder = folder;
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.startedAt = startedAt;
        this.window = window;
        this.deliveries = deliveries;
    }

    public String getFeedId() {
        return feedId;
    }

    public Path getOutputDirectory() {
        return outputDirectory;
    }

    /** The output folder below the out dir, as the file sink's file names begin: {@code responses} or {@code responses/926}. */
    public String getFolder() {
        return folder;
    }

    public String getTopic() {
        return topic;
    }

    public String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    /** The run's deliveries: what the sink commits, or settles after a crash. */
    public RunDeliveries deliveries() {
        return deliveries;
    }

    /** A Kafka run's pages handed to the producer whose acknowledgement the run has not yet seen. */
    Deque<CompletableFuture<Exchange>> pagesOnTheirWay() {
        return pagesOnTheirWay;
    }

    /** A record going to the sink has this moment of its own (a response's submitted_when), in epoch milliseconds. */
    public synchronized void recordMoment(long epochMillis) {
        if (momentCount == moments.length) {
            moments = java.util.Arrays.copyOf(moments, moments.length * 2);
        }
        moments[momentCount++] = epochMillis;
    }

    /** The moments of the records handed to the sink since the last call: a page's, or the run's. */
    public synchronized long[] takeMoments() {
        long[] taken = java.util.Arrays.copyOf(moments, momentCount);
        momentCount = 0;
        if (moments.length > 4096) {
            moments = new long[64];
        }
        return taken;
    }

    /** The records with these moments reached their destination now: a file renamed into place, a page acknowledged. */
    public void delivered(long[] moments, Instant at) {
        if (moments.length > 0) {
            onDelivered.accept(moments, at);
        }
    }

    /** Who hears of deliveries. */
    public void onDelivered(BiConsumer<long[], Instant> listener) {
        this.onDelivered = listener;
    }

    /** Counts a record sent to the dead letters. */
    public void deadLettered() {
        deadLetters.incrementAndGet();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    /** Where the records go, for log lines: the topic, or the output folder (a campaign's, for a partitioned feed). */
    public String description() {
        return kafka ? "topic " + topic : outputDirectory.toString();
    }

    /** Where dead letters go, for log lines. */
    public String deadLetterDescription() {
        return kafka ? "topic " + deadLetterTopic : "a .dead-letters.jsonl file in " + outputDirectory;
    }

    /** The name of this run's output file: start time, then the window, so names sort in run order. */
    public String getFileName() {
        return FILE_STAMP.format(startedAt) + (window == null ? "" : "_" + window) + ".jsonl";
    }

    /** When the run that named this file (its output, part or dead-letter file) started; throws when it is no such name. */
    public static Instant startOf(String fileName) {
        String name = fileName.startsWith(".") ? fileName.substring(1) : fileName;
        int end = name.indexOf('_') > 0 ? name.indexOf('_') : name.indexOf(".jsonl");
        return FILE_STAMP.parse(name.substring(0, end), Instant::from);
    }

    /** The file a file sink appends to while the run is under way; hidden, and renamed when the run succeeds. */
    public String getPartFileName() {
        return "." + getFileName() + ".part";
    }

    /** The file a file sink's dead letters go to, beside the run's output file. */
    public String getDeadLetterFileName() {
        return getFileName().replace(".jsonl", ".dead-letters.jsonl");
    }

    /** Where the dead letters are appended while the run is under way. */
    public String getDeadLetterPartFileName() {
        return "." + getDeadLetterFileName() + ".part";
    }
}
