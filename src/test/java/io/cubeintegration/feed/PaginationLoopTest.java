package io.cubeintegration.feed;

import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@code next} link that leads back to a page already fetched. */
class PaginationLoopTest extends CubeFeedTestSupport {

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().nextLoop(true).pageSize("customers", 100).customersPerAssignment(300).build();
    }

    // The loop stops the run with an error naming it, and no output file (whole or part) is left behind.
    @Test
    void loopStopsTheRunWithAnError() {
        FeedRun run = run("customers");

        assertFalse(run.isSucceeded());
        String message = LogSafe.failure(run.failure());
        assertTrue(message.contains("feed customers: pagination loop"), message);
        assertEquals(3, simulator.journal().count(r -> r.path().endsWith("/customers/")), "pages 1 to 3, then stop");
        assertEquals(java.util.List.of(), output.files("customers"));
    }
}
