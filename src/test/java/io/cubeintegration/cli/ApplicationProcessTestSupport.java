package io.cubeintegration.cli;

import java.nio.file.Path;

import io.cubeintegration.feed.OutputFolder;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of the application as its users start it, a JVM of its own ({@link ApplicationProcess}, {@link
 * RunningApplication}), each in a folder of its own against a simulator started before the test and closed after it.
 */
public abstract class ApplicationProcessTestSupport {

    @TempDir
    protected Path workDir;

    /** The simulator's settings: {@link #simulatorSettings()}, kept for its token. */
    protected SimulatorSettings settings;
    @AutoClose
    protected CubeSimulator cube;
    /** The test's application on its schedules once it started one; stopped after the test, before the simulator. */
    protected RunningApplication application;
    /** What the file sink wrote to out/ in the test's folder, where the application writes by default. */
    protected OutputFolder output;

    /** The simulator this test class talks to; override to change its data, pages, faults or credentials. */
    protected SimulatorSettings simulatorSettings() throws Exception {
        return SimulatorSettings.builder().build();
    }

    @BeforeEach
    void startSimulator() throws Exception {
        settings = simulatorSettings();
        cube = CubeSimulator.start(settings);
        output = new OutputFolder(workDir.resolve("out"));
    }

    @AfterEach
    void stopApplication() throws InterruptedException {
        if (application != null) {
            application.close();
        }
    }
}
