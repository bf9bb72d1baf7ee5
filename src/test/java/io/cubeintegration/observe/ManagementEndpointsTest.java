package io.cubeintegration.observe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cli.ApplicationProcess;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.RecordedRequest;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management endpoints of a running application, called over HTTP as Kubernetes and Prometheus call them:
 * readiness and liveness through a token revoked and restored, a bad token at start-up, a Kafka broker that is away,
 * and metrics that equal what the run delivered.
 */
class ManagementEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path workDir;

    private final SimulatorSettings settings = SimulatorSettings.builder().build();
    private CubeSimulator cube;
    private ApplicationProcess.Started application;
    private int port;

    @BeforeEach
    void startSimulator() throws IOException {
        cube = CubeSimulator.start(settings);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (application != null) {
            application.kill();
        }
        cube.close();
    }

    // Revoking the token turns readiness DOWN naming the feed and the 401, liveness stays UP; restoring it turns it UP.
    @Test
    void readinessFollowsTheCredentials() throws Exception {
        start(settings.token(), feed("campaigns", "cube-snapshot-feed", "campaigns", "0/1 * * * * ?"));
        awaitRuns("campaigns", "ok", 1);
        assertEquals(200, get("/observe/health/ready").statusCode());

        cube.account().revokeToken(true);
        HttpResponse<String> down = await().atMost(Duration.ofSeconds(20)).until(() -> get("/observe/health/ready"),
                answer -> answer.statusCode() == 503 && answer.body().contains("feed:campaigns"));
        JsonNode check = check(down, "feed:campaigns");
        assertEquals("DOWN", check.path("status").asText(), down.body());
        assertTrue(check.path("message").asText().contains("failed on authentication"), down.body());
        assertTrue(check.path("message").asText().contains("HTTP 401"), down.body());
        assertEquals(200, get("/observe/health/live").statusCode(), "a bad token must not get the instance restarted");

        cube.account().revokeToken(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/observe/health/ready").statusCode() == 200);
        assertFalse(application.output().contains(settings.token()), "the token must not be logged");
    }

    // A bad token shows within seconds of start-up: readiness DOWN with the credentials' check saying why; no token in it.
    @Test
    void aBadTokenIsNotReadyWithinSeconds() throws Exception {
        String badToken = "not-the-token-77ab";
        start(badToken, feed("campaigns", "cube-snapshot-feed", "campaigns", "0 0 6 * * ?"));

        HttpResponse<String> down = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> get("/observe/health/ready"), answer -> answer.statusCode() == 503
                        && answer.body().contains("cube-credentials"));

        JsonNode check = check(down, "cube-credentials");
        assertTrue(check.path("message").asText().contains("Cube refused the credentials"), down.body());
        assertTrue(check.path("message").asText().contains("HTTP 401"), down.body());
        assertFalse(down.body().contains(badToken), down.body());
        assertTrue(application.process().isAlive(), "on schedule the application stays up, not ready");
        assertFalse(application.output().contains(badToken), "the token must not be logged");
    }

    // A Kafka feed whose broker is away turns the kafka-sink check DOWN naming the brokers, while a file-only set stays UP.
    @Test
    void kafkaSinkHealthIsIncluded() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        Map<String, String> environment = environment(settings.token(),
                feed("campaigns", "cube-snapshot-feed", "campaigns", "0/2 * * * * ?") + "      - name: sink\n        value: kafka\n");
        environment.put("KAFKA_BROKERS", "127.0.0.1:" + closedPort);
        environment.put("CAMEL_COMPONENT_KAFKA_MAX_BLOCK_MS", "1500");
        application = ApplicationProcess.start(workDir, environment, List.of());
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get("/observe/health/ready").statusCode() == 200);
        assertEquals("UP", check(get("/observe/health/ready?exposureLevel=full"), "kafka-sink").path("status").asText());

        HttpResponse<String> down = await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/observe/health/ready"), answer -> answer.body().contains("kafka-sink"));

        JsonNode check = check(down, "kafka-sink");
        assertEquals("DOWN", check.path("status").asText(), down.body());
        assertTrue(check.path("message").asText().contains("Kafka (127.0.0.1:" + closedPort + ") cannot take records"), down.body());
    }

    // One run's metrics equal what it delivered: records (the lines in its file), pages, runs and Cube requests by status.
    @Test
    void metricsEqualWhatTheRunDelivered() throws Exception {
        ZonedDateTime inAFewSeconds = ZonedDateTime.now(ZoneId.of("Europe/Oslo")).plusSeconds(4);
        // a cron with its year: exactly one run, so the figures stand still while the test reads them
        String once = "%d %d %d %d %d ? %d".formatted(inAFewSeconds.getSecond(), inAFewSeconds.getMinute(),
                inAFewSeconds.getHour(), inAFewSeconds.getDayOfMonth(), inAFewSeconds.getMonthValue(), inAFewSeconds.getYear());
        start(settings.token(), feed("responses", "cube-window-feed",
                "campaigns/" + cube.account().defaultCampaignId() + "/responses/", once)
                + "      - name: timeZone\n        value: Europe/Oslo\n      - name: enrich\n        value: \"true\"\n");
        awaitRuns("responses", "ok", 1);
        String metrics = get("/observe/metrics").body();

        long lines;
        try (Stream<Path> files = Files.list(workDir.resolve("out/responses"))) {
            lines = files.filter(file -> file.toString().endsWith(".jsonl")).mapToLong(ManagementEndpointsTest::lineCount).sum();
        }
        List<RecordedRequest> requests = cube.journal().requests();
        long pages = requests.stream().filter(request -> request.path().contains("/responses/")).count();
        long ok = requests.stream().filter(request -> request.status() == 200).count();
        long notFound = requests.stream().filter(request -> request.status() == 404).count();
        assertTrue(lines > 0, "the run delivered records");
        assertEquals(lines, value(metrics, "cube_feed_records_delivered_total{feed=\"responses\"}"), metrics);
        assertEquals(pages, value(metrics, "cube_feed_pages_total{feed=\"responses\"}"), metrics);
        assertEquals(1, value(metrics, "cube_feed_runs_total{feed=\"responses\",outcome=\"ok\"}"), metrics);
        // the start-up credentials check is the one request no feed made
        assertEquals(ok - 1, value(metrics, "cube_requests_total{feed=\"responses\",status=\"200\"}"), metrics);
        assertEquals(notFound, notFound == 0 ? 0 : value(metrics, "cube_requests_total{feed=\"responses\",status=\"404\"}"), metrics);
        assertEquals(0, value(metrics, "cube_feed_dead_letters_total{feed=\"responses\"}"), metrics);
        assertTrue(value(metrics, "cube_feed_watermark_age_seconds{feed=\"responses\"}") < 60, metrics);
    }

    private void start(String token, String feeds) throws IOException {
        application = ApplicationProcess.start(workDir, environment(token, feeds), List.of());
    }

    private Map<String, String> environment(String token, String feeds) throws IOException {
        Path routes = Files.createDirectories(workDir.resolve("feeds"));
        Files.writeString(routes.resolve("feeds.yaml"), feeds);
        Map<String, String> environment = new HashMap<>();
        environment.put("CUBE_BASE_URL", cube.baseUrl().toString());
        environment.put("CUBE_ALLOW_HTTP", "true");
        environment.put("CUBE_TOKEN", token);
        environment.put("CUBE_ROUTES", routes.toString());
        environment.put("CUBE_MANAGEMENT_PORT", Integer.toString(port));
        return environment;
    }

    private static String feed(String id, String template, String path, String cron) {
        return """
                - templatedRoute:
                    routeTemplateRef: %s
                    routeId: %s
                    parameters:
                      - name: feedId
                        value: %s
                      - name: path
                        value: "%s"
                      - name: cron
                        value: "%s"
                """.formatted(template, id, id, path, cron);
    }

    private void awaitRuns(String feed, String outcome, int runs) {
        String series = "cube_feed_runs_total{feed=\"" + feed + "\",outcome=\"" + outcome + "\"}";
        await().atMost(Duration.ofSeconds(40)).ignoreExceptions().until(() -> value(get("/observe/metrics").body(), series) >= runs);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode check(HttpResponse<String> health, String name) throws IOException {
        for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health.body());
    }

    /** The value of one Prometheus series in a scrape. */
    private static long value(String metrics, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.Ee+-]+)$", Pattern.MULTILINE).matcher(metrics);
        if (!line.find()) {
            throw new AssertionError("no series " + series);
        }
        return Math.round(Double.parseDouble(line.group(1)));
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
