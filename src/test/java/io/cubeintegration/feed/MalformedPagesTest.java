package io.cubeintegration.feed;

import java.util.List;

import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pages that are not the JSON the pager expects stop the run with a clear error and leave no file behind. */
class MalformedPagesTest extends CubeFeedTestSupport {

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().rateTruncated(1.0).build();
    }

    @Override
    protected void writeRouteFiles() {
        writeRouteFile("feeds.yaml", PaginationTest.feed("cube-snapshot-feed", "customers",
                "assignments/" + simulator.account().defaultAssignmentId() + "/customers/", ""));
    }

    // A body that keeps arriving cut off half-way is asked again, then reported as not JSON, naming the feed, the
    // page and the URL.
    @Test
    void truncatedPageFailsTheRun() {
        FeedRun run = run("customers");

        assertFalse(run.isSucceeded());
        String message = LogSafe.failure(run.failure());
        assertTrue(message.startsWith("feed customers: page 1 from " + simulator.baseUrl() + "assignments/"), message);
        assertTrue(message.contains("is not JSON"), message);
        assertTrue(message.endsWith("(gave up after 6 attempts)"), message);
        assertEquals(List.of(), output.files("customers"));
    }
}
