package io.cubeintegration.cli;

import io.cubeintegration.Patience;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The application running on its schedules in a JVM of its own, watched through its management port. */
public final class RunningApplication implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ApplicationProcess.Started process;
    private final int port;

    private RunningApplication(ApplicationProcess.Started process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it in the folder with the environment, its management server on a free port. */
    public static RunningApplication start(Path workDir, Map<String, String> environment) throws IOException {
        return start(workDir, environment, List.of());
    }

    /** Starts it with JVM options too. */
    public static RunningApplication start(Path workDir, Map<String, String> environment, List<String> jvmOptions)
            throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> withPort = new HashMap<>(environment);
        withPort.put("CUBE_MANAGEMENT_PORT", Integer.toString(port));
        return new RunningApplication(ApplicationProcess.start(workDir, withPort, jvmOptions), port);
    }

    /** The management server's port. */
    public int port() {
        return port;
    }

    /** GET on the management server. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one series of a Prometheus scrape, rounded; fails when the scrape has no such series. */
    public static long value(String metrics, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.Ee+-]+)$", Pattern.MULTILINE).matcher(metrics);
        if (!line.find()) {
            throw new AssertionError("no series " + series);
        }
        return Math.round(Double.parseDouble(line.group(1)));
    }

    /** The feed's runs so far with this outcome (ok, failed). */
    public long runs(String feed, String outcome) {
        try {
            return value(get("/observe/metrics").body(), "cube_feed_runs_total{feed=\"" + feed + "\",outcome=\"" + outcome + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the feed has at least this many successful runs. */
    public void awaitRuns(String feed, long runs) {
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> runs(feed, "ok") >= runs);
    }

    public String output() throws IOException {
        return process.output();
    }

    public long pid() {
        return process.process().pid();
    }

    /** The operating system's process, to signal it as an orchestrator would. */
    public Process process() {
        return process.process();
    }

    public boolean isAlive() {
        return process.process().isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.kill();
    }
}
