package io.cubeintegration.feed;

import java.util.List;

import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A proxy in front of Cube answering 5xx with an HTML page. */
class ProxyErrorPageTest extends CubeFeedTestSupport {

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().rate5xx(1.0).build();
    }

    // A proxy that keeps failing is asked the configured number of times, then the run fails with the status and
    // the start of the HTML page, and leaves no file.
    @Test
    void htmlErrorPageFailsTheRunAfterTheRetries() {
        FeedRun run = run("campaigns");

        assertFalse(run.isSucceeded());
        String message = LogSafe.failure(run.failure());
        assertTrue(message.matches("feed campaigns: Cube answered HTTP 50[234]: <.* for GET .*campaigns \\(gave up after 6 attempts\\)"), message);
        assertEquals(6, simulator.journal().count(r -> r.path().equals("campaigns")));
        assertEquals(List.of(), output.files("campaigns"));
    }
}
