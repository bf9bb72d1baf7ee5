package io.cubeintegration.cube;

import io.cubeintegration.Patience;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.cubeintegration.cli.ApplicationEnvironment;
import io.cubeintegration.cli.ApplicationProcess;
import io.cubeintegration.cli.RunningApplication;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.feed.OutputFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application, as a process, against a Cube that misbehaves on purpose ({@link HostileCube}): every answer and
 * run is bounded by a documented setting, crossing one is one clear line, values from the server cannot forge or
 * colour log lines, no request leaves the base path, and a stop never waits on Cube.
 */
class HostileAnswersTest {

    private final HostileCube cube = new HostileCube();

    @TempDir
    Path workDir;

    HostileAnswersTest() throws IOException {
    }

    @AfterEach
    void closeCube() throws IOException {
        cube.close();
    }

    // Each hostile answer fails its own feed with one line naming the limit and its setting, within the limits set
    // (about 20 s for all of them, run one after another, by the application's clock); a count that overstates the result is not an error; a
    // redirect to another host is not followed.
    @Test
    void everyAnswerAndRunIsBounded() throws Exception {
        Map<String, String> environment = environment("trickle", "endless", "huge", "silent", "chain", "overcount",
                "forged", "escape", "dotdot", "redirect");
        HostileCube elsewhere = new HostileCube();
        cube.redirectTo(elsewhere.baseUrl());
        environment.put("CUBE_REQUEST_TIMEOUT", "3");
        environment.put("CUBE_MAX_ANSWER_MB", "1");
        environment.put("CUBE_MAX_PAGES_PER_RUN", "40");
        environment.put("CUBE_RETRY_MAX_ELAPSED", "3");
        environment.put("CUBE_RETRY_INITIAL_DELAY", "100");
        environment.put("CAMEL_COMPONENT_HTTP_RESPONSE_TIMEOUT", "1500");
        environment.put("CAMEL_COMPONENT_HTTP_SO_TIMEOUT", "1500");
        ApplicationProcess.Result result = ApplicationProcess.run(workDir, environment, "--once");
        elsewhere.close();

        String output = result.output();
        assertEquals(1, result.exitCode(), output);
        // by the application's own clock, from the first run's start to the last run's end: the JVM's start is no limit's
        Duration runs = Duration.between(result.loggedAt("run started"), result.lastLoggedAt("feed "));
        assertTrue(runs.toSeconds() < 40, "the ten runs took " + runs);
        assertTrue(output.contains("cube-integration: 9 of 10 feed(s) failed:"), output);
        assertFailed(output, "redirect", "Cube answered HTTP 302");
        assertEquals(List.of(), elsewhere.requested(), "a redirect is not followed: the other host hears nothing");
        assertFailed(output, "trickle", "no complete answer within 3 s (cube.request-timeout)");
        assertFailed(output, "endless", "the answer is larger than 1 MB (cube.max-answer-mb)");
        assertFailed(output, "huge", "an answer of 1610612736 bytes is larger than 1 MB (cube.max-answer-mb)");
        assertFailed(output, "silent", "SocketTimeoutException");
        assertFailed(output, "silent", "s: cube.retry.max-elapsed is 3 s)");
        assertFailed(output, "chain", "stopped after 40 pages, the most one run may fetch (cube.max-pages-per-run)");
        assertFailed(output, "dotdot", "leaves the API path /api/v1/");
        assertFailed(output, "forged", "next link");
        assertFailed(output, "escape", "proxy says no");
        assertEquals(List.of("{\"id\":11}", "{\"id\":12}", "{\"id\":21}", "{\"id\":22}", "{\"id\":31}", "{\"id\":32}"),
                new OutputFolder(workDir.resolve("out")).onlyFileLines("overcount"), "the pages up to the one whose next is null, nothing more");
        assertTrue(cube.requested().stream().noneMatch(target -> target.contains("admin")), cube.requested().toString());
        assertTrue(cube.requested().stream().filter(target -> target.startsWith("/api/v1/chain/")).count() <= 41);
        // values from the server stay inside their line: no forged line, no terminal escape
        assertFalse(output.lines().anyMatch(line -> line.startsWith("2026-12-01 00:00:00.000 INFO")), output);
        assertFalse(output.lines().anyMatch(line -> line.startsWith("FAKE LINE")), output);
        assertFalse(output.contains("\u001b"), "no escape character reaches the terminal");
    }

    // A run crossing a limit turns its feed's readiness DOWN at once, naming the setting; SIGTERM while another run
    // waits on an answer that never ends stops the process in seconds, the stop aborting the request.
    @Test
    void aLimitTurnsReadinessDownAndAStopNeverWaitsOnCube() throws Exception {
        Map<String, String> environment = environment("chain", "trickle");
        environment.put("CUBE_MAX_PAGES_PER_RUN", "20");
        environment.put("CUBE_REQUEST_TIMEOUT", "600");
        Files.writeString(workDir.resolve("feeds/feeds.yaml"), Files.readString(workDir.resolve("feeds/feeds.yaml"))
                .replace("0 0 6 * * ?", "0/2 * * * * ?"));
        RunningApplication application = RunningApplication.start(workDir, environment);
        try {
            String down = await().atMost(Patience.LONG).ignoreExceptions()
                    .until(() -> application.get("/observe/health/ready").body(), body -> body.contains("crossed a limit"));
            assertTrue(down.contains("feed chain: the last run crossed a limit: feed chain: stopped after 20 pages"), down);
            assertTrue(down.contains("cube.max-pages-per-run"), down);
            await().atMost(Patience.LONG).until(() -> cube.requested().stream().anyMatch(t -> t.startsWith("/api/v1/trickle/")));
            long stopping = System.nanoTime();
            application.process().destroy();

            // a stop that waited on Cube would take the request timeout, 600 s
            assertTrue(application.process().waitFor(60, TimeUnit.SECONDS), "stopped within 60 s of SIGTERM");
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping);
            assertTrue(application.output().contains("the application is stopping"), application.output());
            assertTrue(seconds < 60, seconds + " s");
        } finally {
            application.close();
        }
    }

    private static void assertFailed(String output, String feed, String reason) {
        assertTrue(output.lines().anyMatch(line -> line.startsWith("  " + feed + ": ") && line.contains(reason)),
                feed + ": " + reason + " in\n" + output);
    }

    /** The settings that point the application at the hostile server, with one snapshot feed per behaviour. */
    private Map<String, String> environment(String... behaviours) throws IOException {
        StringBuilder feeds = new StringBuilder();
        for (String behaviour : behaviours) {
            feeds.append(FeedYaml.feed("cube-snapshot-feed", behaviour, behaviour + "/", "cron", "0 0 6 * * ?"));
        }
        Path routes = Files.createDirectories(workDir.resolve("feeds"));
        Files.writeString(routes.resolve("feeds.yaml"), feeds.toString());
        return ApplicationEnvironment.of(cube.baseUrl(), "hostile-test-token", routes);
    }
}
