package io.cubeintegration.observe;

import io.cubeintegration.Patience;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cli.ApplicationEnvironment;
import io.cubeintegration.cli.ApplicationProcess;
import io.cubeintegration.cli.RunningApplication;
import io.cubeintegration.cli.ApplicationProcessTestSupport;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The management endpoints of a running application, called over HTTP as Kubernetes and Prometheus call them:
 * readiness and liveness through a token revoked and restored, a bad token at start-up, a Kafka broker that is away,
 * and metrics that equal what the run delivered.
 */
class ManagementEndpointsTest extends ApplicationProcessTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    // Revoking the token turns readiness DOWN naming the feed and the 401, liveness stays UP; restoring it turns it UP.
    @Test
    void readinessFollowsTheCredentials() throws Exception {
        start(settings.token(), FeedYaml.feed("cube-snapshot-feed", "campaigns", "campaigns", "cron", "0/1 * * * * ?"));
        application.awaitRuns("campaigns", 1);
        assertEquals(200, application.get("/observe/health/ready").statusCode());

        cube.account().revokeToken(true);
        HttpResponse<String> down = await().atMost(Patience.LONG).until(() -> application.get("/observe/health/ready"),
                answer -> answer.statusCode() == 503 && answer.body().contains("feed:campaigns"));
        JsonNode check = check(down, "feed:campaigns");
        assertEquals("DOWN", check.path("status").asText(), down.body());
        assertTrue(check.path("message").asText().contains("failed on authentication"), down.body());
        assertTrue(check.path("message").asText().contains("HTTP 401"), down.body());
        assertEquals(200, application.get("/observe/health/live").statusCode(), "a bad token must not get the instance restarted");

        cube.account().revokeToken(false);
        await().atMost(Patience.LONG).until(() -> application.get("/observe/health/ready").statusCode() == 200);
        assertFalse(application.output().contains(settings.token()), "the token must not be logged");
    }

    // A bad token shows within seconds of start-up: readiness DOWN with the credentials' check saying why; no token in it.
    @Test
    void aBadTokenIsNotReadyWithinSeconds() throws Exception {
        String badToken = "not-the-token-77ab";
        start(badToken, FeedYaml.feed("cube-snapshot-feed", "campaigns", "campaigns", "cron", "0 0 6 * * ?"));

        HttpResponse<String> down = await().atMost(Patience.LONG).ignoreExceptions()
                .until(() -> application.get("/observe/health/ready"), answer -> answer.statusCode() == 503
                        && answer.body().contains("cube-credentials"));

        JsonNode check = check(down, "cube-credentials");
        assertTrue(check.path("message").asText().contains("Cube refused the credentials"), down.body());
        assertTrue(check.path("message").asText().contains("HTTP 401"), down.body());
        assertFalse(down.body().contains(badToken), down.body());
        assertTrue(application.isAlive(), "on schedule the application stays up, not ready");
        assertFalse(application.output().contains(badToken), "the token must not be logged");
    }

    // The management server listens only on the address cube.management-host names, asks for a user where
    // cube.management-auth-path says (here: metrics only), and start-up says in a few lines
    // what runs (each shipped feed, its schedule, next run and folder), where the state is and where to look, with no
    // warning, no unresolved {{...}}; a second process on the same address and port stops at once with one line, exit 1.
    @Test
    void startUpSaysWhatRunsAndWhereToLookAndATakenPortIsOneLine() throws Exception {
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), ApplicationEnvironment.SHIPPED_FEEDS);
        environment.put("CUBE_MANAGEMENT_HOST", "127.0.0.2");
        Path users = Files.writeString(workDir.resolve("management-users.properties"), "user.prometheus = scrape-pw-41c9,scraper\n");
        environment.put("CUBE_MANAGEMENT_AUTH_FILE", users.toString());
        environment.put("CUBE_MANAGEMENT_AUTH_PATH", "/observe/metrics");
        application = RunningApplication.start(workDir, environment);
        String root = "http://127.0.0.2:" + application.port();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(
                URI.create(root + "/observe/health/live")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        assertThrows(ConnectException.class, () -> application.get("/observe/health/live"), "nothing on 127.0.0.1");
        HttpRequest.Builder metrics = HttpRequest.newBuilder(URI.create(root + "/observe/metrics"));
        assertEquals(401, http.send(metrics.build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "metrics need a user");
        HttpResponse<String> scraped = http.send(metrics.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("prometheus:scrape-pw-41c9".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.body().contains("cube_feed_runs_total"), scraped.body());

        String output = await().atMost(Patience.LONG).until(application::output, text -> text.contains("Feeds on schedule"));
        List<String> startUp = output.lines().takeWhile(line -> !line.contains("Feeds on schedule")).toList();
        assertTrue(startUp.size() <= 14, "a few lines:\n" + String.join("\n", startUp));
        assertTrue(output.contains("8 feed(s) from " + Path.of("routes").toRealPath() + ", state in " + workDir.resolve("data")), output);
        for (String feed : List.of("call-outcomes", "callflow-customers", "campaign-callflow-customers", "campaigns",
                "crm-custom-fields", "customers", "responses", "sms")) {
            assertTrue(output.lines().anyMatch(line -> line.matches(".*  " + feed + " +GET \\S+, cron '[^']+' Europe/Oslo, next"
                    + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d -> " + Pattern.quote(workDir.resolve("out").resolve(feed).toString()))), feed + " in\n" + output);
        }
        assertTrue(output.contains("Readiness " + root + "/observe/health/ready, liveness " + root + "/observe/health/live,"
                + " metrics " + root + "/observe/metrics; Basic authentication on /observe/metrics (users in " + users + ")"), output);
        assertFalse(output.contains("{{"), output);
        assertFalse(startUp.stream().anyMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ")), output);

        environment.put("CUBE_MANAGEMENT_PORT", Integer.toString(application.port()));
        ApplicationProcess.Result second = ApplicationProcess.run(workDir, environment);

        assertEquals(1, second.exitCode(), second.output());
        assertTrue(second.output().contains("cube-integration: the management server cannot listen on 127.0.0.2:"
                + application.port() + ": Address already in use"), second.output());
        assertFalse(second.output().contains("\tat "), second.output());
        assertTrue(application.isAlive(), "the first goes on");
    }

    // A Kafka feed whose broker is away turns the kafka-sink check DOWN naming the brokers, while a file-only set stays UP.
    @Test
    void kafkaSinkHealthIsIncluded() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        Map<String, String> environment = environment(settings.token(),
                FeedYaml.feed("cube-snapshot-feed", "campaigns", "campaigns", "cron", "0/2 * * * * ?", "sink", "kafka"));
        environment.put("KAFKA_BROKERS", "127.0.0.1:" + closedPort);
        environment.put("CAMEL_COMPONENT_KAFKA_MAX_BLOCK_MS", "1500");
        application = RunningApplication.start(workDir, environment);
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> application.get("/observe/health/ready").statusCode() == 200);
        assertEquals("UP", check(application.get("/observe/health/ready?exposureLevel=full"), "kafka-sink").path("status").asText());

        HttpResponse<String> down = await().atMost(Patience.LONG)
                .until(() -> application.get("/observe/health/ready"), answer -> answer.body().contains("kafka-sink"));

        JsonNode check = check(down, "kafka-sink");
        assertEquals("DOWN", check.path("status").asText(), down.body());
        assertTrue(check.path("message").asText().contains("Kafka (127.0.0.1:" + closedPort + ") cannot take records"), down.body());
    }

    // One run's metrics equal what it delivered: records (the lines in its file), pages, runs and Cube requests by status.
    @Test
    void metricsEqualWhatTheRunDelivered() throws Exception {
        // exactly one run, however slowly the JVM starts: the application runs each feed once at start-up, and the
        // schedule (a valid cron) fires no more while the test reads the figures
        start(settings.token(), FeedYaml.feed("cube-window-feed", "responses",
                "campaigns/" + cube.account().defaultCampaignId() + "/responses/", "cron", "0 0 0 1 1 ? 2099", "timeZone", "Europe/Oslo",
                "enrich", "true", "timestampField", "submitted_when"), Map.of("CUBE_RUN_AT_START", "true"));
        application.awaitRuns("responses", 1);
        String metrics = application.get("/observe/metrics").body();

        long lines = output.lines("responses").size();
        List<RecordedRequest> requests = cube.journal().requests();
        long pages = requests.stream().filter(request -> request.path().contains("/responses/")).count();
        long ok = requests.stream().filter(request -> request.status() == 200).count();
        long notFound = requests.stream().filter(request -> request.status() == 404).count();
        assertTrue(lines > 0, "the run delivered records");
        assertEquals(lines, RunningApplication.value(metrics, "cube_feed_records_delivered_total{feed=\"responses\"}"), metrics);
        assertEquals(pages, RunningApplication.value(metrics, "cube_feed_pages_total{feed=\"responses\"}"), metrics);
        assertEquals(1, RunningApplication.value(metrics, "cube_feed_runs_total{feed=\"responses\",outcome=\"ok\"}"), metrics);
        // the start-up credentials check is the one request no feed made
        assertEquals(ok - 1, RunningApplication.value(metrics, "cube_requests_total{feed=\"responses\",status=\"200\"}"), metrics);
        assertEquals(notFound, notFound == 0 ? 0 : RunningApplication.value(metrics, "cube_requests_total{feed=\"responses\",status=\"404\"}"), metrics);
        assertEquals(0, RunningApplication.value(metrics, "cube_feed_dead_letters_total{feed=\"responses\"}"), metrics);
        // every record delivered has its lag; the day's first read was a full one
        assertEquals(lines, RunningApplication.value(metrics, "cube_feed_record_lag_seconds_count{feed=\"responses\"}"), metrics);
        assertEquals(lines, RunningApplication.value(metrics, "cube_feed_record_lag_seconds_bucket{feed=\"responses\",le=\"+Inf\"}"), metrics);
        assertEquals(1, RunningApplication.value(metrics, "cube_feed_reads_total{feed=\"responses\",mode=\"full\",reason=\"first-read\"}"), metrics);
        assertTrue(RunningApplication.value(metrics, "cube_feed_watermark_age_seconds{feed=\"responses\"}") < 60, metrics);
        assertEquals(8, RunningApplication.value(metrics, "cube_requests_concurrency_limit"), "no 429: the full limit");
    }

    private void start(String token, String feeds) throws IOException {
        start(token, feeds, Map.of());
    }

    private void start(String token, String feeds, Map<String, String> more) throws IOException {
        Map<String, String> environment = environment(token, feeds);
        environment.putAll(more);
        application = RunningApplication.start(workDir, environment);
    }

    private Map<String, String> environment(String token, String feeds) throws IOException {
        Path routes = Files.createDirectories(workDir.resolve("feeds"));
        Files.writeString(routes.resolve("feeds.yaml"), feeds);
        return ApplicationEnvironment.of(cube, token, routes);
    }

    private static JsonNode check(HttpResponse<String> health, String name) throws IOException {
        for (JsonNode check : JSON.readTree(health.body()).path("checks")) {
            if (check.path("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health.body());
    }
}
