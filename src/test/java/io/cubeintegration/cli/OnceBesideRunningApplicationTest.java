package io.cubeintegration.cli;

import io.cubeintegration.Patience;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's {@code --once} beside the application running on its schedule, on the same machine and the same
 * data/ and out/ folders: the feed's lease makes them take turns, so neither deletes nor repeats what the other
 * delivers.
 */
class OnceBesideRunningApplicationTest extends ApplicationProcessTestSupport {

    private static final int PER_DAY = 120;

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().pageSize("responses", 10).responsesPerDay(PER_DAY).latencyMillis(100).build();
    }

    // --once waits for the running application's run to finish, then runs; the application's triggers meanwhile are
    // skipped, saying who runs the feed. Every record ends in the files exactly once, and no run fails.
    @Test
    void onceWaitsForTheRunningApplicationAndNeitherRepeatsNorLosesARecord() throws Exception {
        cube.account().responsesSoFarToday(40);
        Map<String, String> environment = environment();
        application = RunningApplication.start(workDir, environment);
        application.awaitRuns("responses", 1);
        cube.account().responsesSoFarToday(80);

        ApplicationProcess.Result once = ApplicationProcess.run(workDir, environment, "--once", "--feed", "responses");
        cube.account().responsesSoFarToday(PER_DAY);
        List<String> expected = Delivered.todaysResponses(cube);
        await().atMost(Patience.LONG).until(() -> Set.copyOf(output.completeLines("responses")).containsAll(expected));
        application.close();

        assertEquals(0, once.exitCode(), once.output());
        assertTrue(application.output().contains("feed responses: trigger skipped: another process is running it (process "),
                application.output());
        assertFalse(application.output().contains("run FAILED"), application.output());
        assertEquals(expected.stream().sorted().toList(), output.completeLines("responses").stream().sorted().toList(),
                "every record exactly once");
    }

    // While the running application holds the feed (here: stopped for good in a run), --once waits cube.lease-wait and
    // gives up with exit code 1, naming the process that holds it and the lock file.
    @Test
    void onceGivesUpOnAFeedAnotherProcessKeepsRunning() throws Exception {
        Map<String, String> environment = environment();
        application = RunningApplication.start(workDir, environment, List.of("-Dcube.crash-test.pause=before-state"));
        await().atMost(Patience.LONG).until(() -> application.output().contains("paused at before-state"));
        environment.put("CUBE_LEASE_WAIT", "2");

        ApplicationProcess.Result once = ApplicationProcess.run(workDir, environment, "--once", "--feed", "responses");

        assertEquals(1, once.exitCode(), once.output());
        assertTrue(once.output().contains("  responses: feed responses: another process is running it (process "
                + application.pid() + "@"), once.output());
        assertTrue(once.output().contains(", lease " + workDir.resolve("data").resolve("responses.lock")
                + "); waited 2 s for it to finish"), once.output());
    }

    private Map<String, String> environment() throws IOException {
        Path routes = Files.createDirectories(workDir.resolve("routes"));
        Files.writeString(routes.resolve("responses.yaml"), FeedYaml.feed("cube-window-feed", "responses",
                Delivered.responsesPath(cube), "cron", "0/1 * * * * ?"));
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), routes);
        environment.put("CUBE_OUT_DIR", workDir.resolve("out").toString());
        environment.put("CUBE_STATE_DIR", workDir.resolve("data").toString());
        // page after page, so each run takes a while: a second process surely meets one under way
        environment.put("CUBE_PREFETCH_PAGES", "1");
        // and every run reads its day in full, not only its tail
        environment.put("CUBE_RECONCILE_INTERVAL", "0");
        environment.put("CUBE_LOOKBACK_DAYS", "0");
        return environment;
    }
}
