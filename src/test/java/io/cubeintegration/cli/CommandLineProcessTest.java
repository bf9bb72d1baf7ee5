package io.cubeintegration.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cli.ApplicationProcess.Result;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.feed.OutputFolder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The application as a user starts it: a separate JVM, its exit code, its output and the files it leaves. */
class CommandLineProcessTest extends ApplicationProcessTestSupport {

    private static final List<String> SHIPPED_FEEDS = List.of("call-outcomes", "callflow-customers",
            "campaign-callflow-customers", "campaigns", "crm-custom-fields", "customers", "responses", "sms");

    // --once runs every shipped feed against Cube (settings from the environment), writes each its file, exits 0; the
    // feed files are a linked folder of linked files, as Kubernetes mounts a ConfigMap, and --validate agrees.
    @Test
    void onceRunsEveryFeedAndExitsZero() throws Exception {
        Path routes = mountedAsConfigMap(ApplicationEnvironment.SHIPPED_FEEDS);
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), routes);
        assertEquals(0, launch(environment, "--validate").exitCode());

        Result result = launch(environment, "--once");

        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains(settings.token()), "the token must not be printed");
        for (String feed : SHIPPED_FEEDS) {
            assertEquals(1, output.files(feed).size(), feed);
        }
        assertEquals(Delivered.lines(cube.account().records("assignments/" + cube.account().defaultAssignmentId() + "/customers/", Map.of())),
                output.onlyFileLines("customers"));
    }

    // The documented recovery: --reset-watermark makes the next run fetch and deliver the day again, record for record,
    // where without it the same day's records are left out as delivered before; Cube is not called by the reset.
    @Test
    void resetWatermarkRefetchesAndDeliversAgain() throws Exception {
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), ApplicationEnvironment.SHIPPED_FEEDS);
        String today = FeedWindow.CUBE_DATE.format(cube.account().today());

        assertEquals(0, launch(environment, "--once", "--feed", "call-outcomes").exitCode());
        List<Path> written = output.files("call-outcomes");
        List<String> first = OutputFolder.readLines(written.get(written.size() - 1));
        assertEquals(0, launch(environment, "--once", "--feed", "call-outcomes").exitCode());
        List<Path> writtenAgain = output.files("call-outcomes");
        int requests = cube.journal().requests().size();
        Result reset = launch(environment, "--reset-watermark", today, "--feed", "call-outcomes");
        int afterReset = cube.journal().requests().size();
        assertEquals(0, launch(environment, "--once", "--feed", "call-outcomes").exitCode());
        List<Path> writtenAfterReset = output.files("call-outcomes");
        List<String> refetched = OutputFolder.readLines(writtenAfterReset.get(writtenAfterReset.size() - 1));

        // the runs' "today" is Oslo's clock: a test that began before Oslo's midnight and ended after it proves nothing
        assumeTrue(today.equals(FeedWindow.CUBE_DATE.format(cube.account().today())), "Oslo's day changed during the test");
        assertFalse(first.isEmpty());
        assertEquals(written, writtenAgain, "without a reset the day's records were delivered before: no new file");
        assertEquals(0, reset.exitCode(), reset.output());
        assertTrue(reset.output().contains("feed call-outcomes: watermark " + today + " -> "
                + FeedWindow.CUBE_DATE.format(cube.account().today().minusDays(1))), reset.output());
        assertEquals(requests, afterReset, "the reset works offline");
        assertEquals(first, refetched, "after the reset the day is delivered again, record for record");
    }

    // A bad token is one clear error before any feed runs, exit 1, no files, and the token is never printed.
    @Test
    void badTokenIsOneClearErrorAndExitOne() throws Exception {
        String badToken = "not-the-token-8c1f";
        Result result = launch(ApplicationEnvironment.of(cube, badToken, ApplicationEnvironment.SHIPPED_FEEDS), "--once");

        assertEquals(1, result.exitCode(), result.output());
        assertEquals(1, count(result.output(), "Cube refused the credentials"), result.output());
        assertTrue(result.output().contains("HTTP 401"), result.output());
        assertFalse(result.output().contains(badToken), "the token must not be printed");
        assertFalse(result.output().contains("run started"), "no feed ran");
        assertFalse(Files.exists(workDir.resolve("out")));
        assertFalse(Files.exists(workDir.resolve("data")), "no state was written");
    }

    // One failing feed fails the round with exit 1 naming the feed and the status; the other feeds still deliver.
    @Test
    void aFailingFeedMakesOnceExitOne() throws Exception {
        Path routes = Files.createDirectories(workDir.resolve("my-routes"));
        Files.writeString(routes.resolve("feeds.yaml"), """
                - templatedRoute:
                    routeTemplateRef: cube-snapshot-feed
                    routeId: campaigns
                    parameters:
                      - name: feedId
                        value: campaigns
                      - name: path
                        value: campaigns
                - templatedRoute:
                    routeTemplateRef: cube-window-feed
                    routeId: unknown-campaign
                    parameters:
                      - name: feedId
                        value: unknown-campaign
                      - name: path
                        value: "campaigns/999999/responses/"
                """);

        Result result = launch(ApplicationEnvironment.of(cube, settings.token(), routes), "--once");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("1 of 2 feed(s) failed"), result.output());
        assertTrue(result.output().contains("unknown-campaign: feed unknown-campaign: Cube answered HTTP 404"), result.output());
        assertEquals(1, output.files("campaigns").size());
        assertEquals(List.of(), output.files("unknown-campaign"));
    }

    // --demo --once needs no Cube account: it starts the simulator and writes every example feed to ./out, from
    // yesterday on; the simulated day follows the clock, so no record delivered is stamped after the run.
    @Test
    void demoOnceWritesEveryExampleFeed() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("CUBE_ROUTES", ApplicationEnvironment.SHIPPED_FEEDS.toString());

        Result result = launch(environment, "--demo", "--once");
        Instant end = Instant.now();

        assertEquals(0, result.exitCode(), result.output());
        // nothing for a newcomer to act on: the simulator's responses that name customers Cube lacks are one INFO line a run
        assertFalse(result.output().lines().anyMatch(line -> line.contains(" WARN ")), result.output());
        assertTrue(result.output().lines().anyMatch(line -> line.matches(".* INFO .*feed responses\\[\\d+]: \\d+ customers? not found in Cube \\(\\d+.*")),
                result.output());
        for (String feed : SHIPPED_FEEDS) {
            Path file = output.files(feed).get(0);
            assertTrue(Files.size(file) > 0, feed + " wrote records");
        }
        // the demo runs the campaign feeds over every active campaign: a folder each, the archived one not among them
        Path responses = workDir.resolve("out").resolve("responses");
        assertTrue(Files.isDirectory(responses.resolve("926")) && Files.isDirectory(responses.resolve("998"))
                && Files.isDirectory(responses.resolve("931")) && !Files.exists(responses.resolve("925")),
                String.valueOf(output.files("responses")));
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        DateTimeFormatter minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        Map<String, Function<JsonNode, Instant>> stamps = Map.of(
                "responses", record -> Instant.parse(record.get("submitted_when").asText()),
                "call-outcomes", record -> LocalDateTime.parse(record.get("response_submitted_when").asText(), minutes).atZone(oslo).toInstant(),
                "sms", record -> LocalDateTime.parse(record.get("sms_sent_when").asText(), minutes).atZone(oslo).toInstant());
        for (var feed : stamps.entrySet()) {
            Set<LocalDate> days = new TreeSet<>();
            for (String line : output.lines(feed.getKey())) {
                Instant stamp = feed.getValue().apply(Delivered.record(line));
                assertFalse(stamp.isAfter(end), feed.getKey() + ": " + stamp + " is after the run ended at " + end);
                days.add(LocalDate.ofInstant(stamp, oslo));
            }
            assertTrue(days.contains(LocalDate.now(oslo).minusDays(1)), feed.getKey() + " begins yesterday: " + days);
        }
    }

    // --help prints the usage and exits 0; an unknown option exits 2 with the usage.
    @Test
    void helpAndUsageErrors() throws Exception {
        Result help = launch(Map.of(), "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.output().contains("--once") && help.output().contains("--demo") && help.output().contains("--from"));

        Result wrong = launch(Map.of(), "--frobnicate");
        assertEquals(2, wrong.exitCode());
        assertTrue(wrong.output().contains("unknown option --frobnicate"));
    }

    // --validate checks the feed files offline: a bad cron, an unknown parameter and a bad sink exit 1, each naming
    // file and field; the fixed file passes, and Cube is never called.
    @Test
    void validateNamesTheFileAndFieldOfAProblem() throws Exception {
        Path routes = Files.createDirectories(workDir.resolve("feeds"));
        Path file = Files.writeString(routes.resolve("sales.yaml"), FeedYaml.feed("cube-window-feed", "sales",
                "campaigns/1/responses/", "cron", "every 5 minutes", "enrichPlann", "bulk", "sink", "s3:bucket"));
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), routes);

        Result broken = launch(environment, "--validate");
        Files.writeString(file, Files.readString(file).replace("every 5 minutes", "0 0/5 * * * ?")
                .replace("enrichPlann", "enrichPlan").replace("s3:bucket", "kafka"));
        Result fixed = launch(environment, "--validate");

        assertEquals(1, broken.exitCode(), broken.output());
        assertTrue(broken.output().contains(file + ": feed sales: parameter cron 'every 5 minutes' is not a Quartz cron"), broken.output());
        assertTrue(broken.output().contains(file + ": feed sales: parameter 'enrichPlann' is not a parameter of cube-window-feed"), broken.output());
        assertTrue(broken.output().contains(file + ": feed sales: parameter sink 's3:bucket' is not a known sink"), broken.output());
        assertEquals(0, fixed.exitCode(), fixed.output());
        assertEquals(List.of(), cube.journal().requests(), "validation never calls Cube");
    }

    // CUBE_LOG_FORMAT=json makes every log line one JSON object, the run's end line among them; an unknown format is refused.
    @Test
    void jsonLogsForLogShippers() throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("CUBE_LOG_FORMAT", "json",
                "CUBE_ROUTES", ApplicationEnvironment.SHIPPED_FEEDS.toString()));
        Result result = launch(environment, "--demo", "--once", "--feed", "campaigns");
        environment.put("CUBE_LOG_FORMAT", "xml");
        Result unknown = launch(environment, "--demo", "--once", "--feed", "campaigns");

        assertEquals(0, result.exitCode(), result.output());
        List<String> lines = result.output().lines().filter(line -> line.startsWith("{")).toList();
        assertTrue(lines.size() >= 4, "Camel starting and started, the run started and ok: " + result.output());
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode event = json.readTree(line);
            assertTrue(event.hasNonNull("@timestamp") && event.hasNonNull("log.level") && event.hasNonNull("message"), line);
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("feed campaigns: run ok")), result.output());
        assertFalse(result.output().lines().anyMatch(line -> line.matches("^\\d{4}-\\d\\d-\\d\\d \\d\\d:.*")),
                "no text log line: " + result.output());
        assertEquals(1, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("CUBE_LOG_FORMAT 'xml' is not text or json"), unknown.output());
    }

    // --validate checks the settings offline too: each problem names the setting, its variable and where it came from.
    @Test
    void validateNamesTheSettingOfAProblem() throws Exception {
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), ApplicationEnvironment.SHIPPED_FEEDS);
        environment.put("CUBE_MAX_CONCURRENT_REQUESTS", "eight");
        environment.put("CUBE_TIME_ZONE", "Europe/Olso");
        environment.remove("CUBE_ALLOW_HTTP");
        environment.put("CUBE_STATE_STORE", "jdbc");
        environment.put("CUBE_STATE_JDBC_URL", "jdbc:postgresql://db:5432/cube?user=cube&password=s3cret-in-url");
        environment.put("CUBE_CLUSTER_CHECKIN_INTERVAL", "100");
        environment.put("CUBE_LEASE_WAIT", "-1");
        environment.put("CUBE_MANAGEMENT_HOST", "http://0.0.0.0");

        Result result = launch(environment, "--validate");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("the environment: cube.max-concurrent-requests (CUBE_MAX_CONCURRENT_REQUESTS) 'eight' is not a whole number"), result.output());
        assertTrue(result.output().contains("the environment: cube.time-zone (CUBE_TIME_ZONE) 'Europe/Olso' is not a time zone"), result.output());
        assertTrue(result.output().contains("the environment: CUBE_BASE_URL (cube.base-url) 127.0.0.1 uses http://; Cube requires https://"),
                result.output());
        assertTrue(result.output().contains("the environment: CUBE_STATE_JDBC_URL (cube.state-jdbc.url)"
                + " jdbc:postgresql://db:5432/cube must not hold a password: set it in CUBE_STATE_JDBC_PASSWORD"), result.output());
        assertTrue(result.output().contains("the environment: cube.cluster.checkin-interval (CUBE_CLUSTER_CHECKIN_INTERVAL) is 100,"
                + " outside 1000.."), result.output());
        assertTrue(result.output().contains("the environment: cube.lease-wait (CUBE_LEASE_WAIT) is -1, outside 0.."), result.output());
        assertTrue(result.output().contains("the environment: cube.management-host (CUBE_MANAGEMENT_HOST) 'http://0.0.0.0' is not"
                + " a host name or address"), result.output());
        assertFalse(result.output().contains(settings.token()), "the token must not be printed");
        assertFalse(result.output().contains("s3cret-in-url"), "the database password must not be printed");
        assertEquals(List.of(), cube.journal().requests(), "validation never calls Cube");
    }

    /** The files as a ConfigMap volume holds them: routes -> mount/, mount/x.yaml -> ..data/x.yaml, ..data -> ..v1/. */
    private Path mountedAsConfigMap(Path files) throws IOException {
        Path mount = Files.createDirectories(workDir.resolve("mount"));
        Path version = Files.createDirectories(mount.resolve("..v1"));
        Files.createSymbolicLink(mount.resolve("..data"), Path.of("..v1"));
        try (Stream<Path> yaml = Files.list(files)) {
            for (Path file : yaml.filter(file -> file.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, version.resolve(file.getFileName()));
                Files.createSymbolicLink(mount.resolve(file.getFileName()), Path.of("..data").resolve(file.getFileName()));
            }
        }
        return Files.createSymbolicLink(workDir.resolve("routes-link"), mount);
    }

    private Result launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return ApplicationProcess.run(workDir, environment, args);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
