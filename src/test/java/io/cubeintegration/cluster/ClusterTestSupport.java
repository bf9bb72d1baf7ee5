package io.cubeintegration.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cubeintegration.cli.ApplicationEnvironment;
import io.cubeintegration.cli.RunningApplication;
import io.cubeintegration.feed.OutputFolder;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.state.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances of the application, each a JVM of its own, on one state database against one simulator whose day fills
 * up as a test goes; what they delivered is read back for comparing with what the simulator holds.
 */
abstract class ClusterTestSupport {

    protected final List<RunningApplication> started = new ArrayList<>();
    private final ScheduledExecutorService growth = Executors.newSingleThreadScheduledExecutor();
    /** Started by the test with settings of its own ({@link #startCube}); closed after it, once the instances are gone. */
    @AutoClose
    protected CubeSimulator cube;
    protected SimulatorSettings settings;

    @TempDir
    protected Path workDir;
    /** The output folder every instance shares. */
    protected OutputFolder output;

    @AfterEach
    void stopEverything() throws Exception {
        growth.shutdownNow();
        for (RunningApplication application : started) {
            application.close();
            // into the test's report: what each instance said, for a failure's post-mortem
            System.out.println("=== instance log\n" + application.output());
        }
    }

    protected void startCube(SimulatorSettings settings) {
        this.settings = settings;
        this.cube = CubeSimulator.start(settings);
        this.output = new OutputFolder(workDir.resolve("out"));
    }

    /** The settings of an instance on this database: the simulator, the test's feed files, one shared output folder. */
    protected Map<String, String> environment(TestPostgres.Database database, String name) {
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), workDir.resolve("routes"));
        environment.putAll(database.environment());
        // one output folder that every instance mounts, as a cluster's file sink needs
        environment.put("CUBE_OUT_DIR", workDir.resolve("out").toString());
        environment.put("CUBE_STATE_DIR", workDir.resolve("data-" + name).toString());
        environment.put("CUBE_LOOKBACK_DAYS", "0");
        environment.put("CUBE_CLUSTER_CHECKIN_INTERVAL", "1000");
        return environment;
    }

    protected RunningApplication start(Map<String, String> environment, String... jvmOptions) throws IOException {
        RunningApplication application = RunningApplication.start(workDir, environment, List.of(jvmOptions));
        started.add(application);
        return application;
    }

    /** The campaign's responses of today: Cube holds {@code from} of them now, ten more every 300 ms, up to {@code to}. */
    protected AtomicInteger growResponses(int from, int to) {
        return growResponses(from, to, 10);
    }

    /** As {@link #growResponses(int, int)}, {@code step} more every 300 ms. */
    protected AtomicInteger growResponses(int from, int to, int step) {
        AtomicInteger soFar = new AtomicInteger(from);
        cube.account().responsesSoFarToday(from);
        growth.scheduleWithFixedDelay(() -> cube.account().responsesSoFarToday(soFar.updateAndGet(n -> Math.min(to, n + step))),
                300, 300, TimeUnit.MILLISECONDS);
        return soFar;
    }

    /** Runs of a feed with this outcome (ok, failed, skipped), every live instance together. */
    protected long runs(String feed, String outcome) {
        long runs = 0;
        for (RunningApplication application : started) {
            if (application.isAlive()) {
                try {
                    runs += application.runs(feed, outcome);
                } catch (RuntimeException | AssertionError notUpYet) {
                    // its management server is not up yet
                }
            }
        }
        return runs;
    }

    /** Runs started so far, every instance's log together. */
    protected long runsStarted() throws IOException {
        long runs = 0;
        for (RunningApplication application : started) {
            runs += application.output().lines().filter(line -> line.contains(": run started")).count();
        }
        return runs;
    }
}
