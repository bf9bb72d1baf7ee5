package io.cubeintegration.cli;

import java.nio.file.Path;

import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the application running on its schedules against a simulator, each in a folder of its own. */
public abstract class RunningApplicationTestSupport {

    @TempDir
    protected Path workDir;

    protected final SimulatorSettings settings;
    protected CubeSimulator cube;
    /** The test's application once it started one. */
    protected RunningApplication application;

    protected RunningApplicationTestSupport() {
        this(SimulatorSettings.builder().build());
    }

    /** For tests whose simulator has data, pages or faults of their own. */
    protected RunningApplicationTestSupport(SimulatorSettings settings) {
        this.settings = settings;
    }

    @BeforeEach
    void startSimulator() {
        cube = CubeSimulator.start(settings);
    }

    @AfterEach
    void stopApplicationAndSimulator() throws InterruptedException {
        if (application != null) {
            application.close();
        }
        cube.close();
    }
}
