package io.cubeintegration.state;

import java.io.IOException;
import java.nio.file.Files;

import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedYaml;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A trigger whose feed state cannot be read fails before any run begins, and counts as a failed run. */
class UnreadableStateTest extends CubeFeedTestSupport {

    @Override
    protected void writeRouteFiles() {
        writeRouteFile("campaigns.yaml", FeedYaml.feed("cube-snapshot-feed", "campaigns", "campaigns"));
    }

    // A state file that is not JSON: the trigger fails naming the file, the failure is counted in
    // cube_feed_runs_total{outcome="failed"}, and the file is left as it was for the operator.
    @Test
    void brokenStateFileFailsTheTriggerAndIsCounted() throws IOException {
        Files.writeString(stateDir.resolve("campaigns.state.json"), "{not json");

        IllegalArgumentException failed = assertThrows(IllegalArgumentException.class, () -> trigger("campaigns"));

        assertTrue(failed.getMessage().startsWith("feed campaigns: cannot read its state " + stateDir.resolve("campaigns.state.json")),
                failed.getMessage());
        MeterRegistry metrics = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        assertEquals(1.0, metrics.get("cube.feed.runs").tag("feed", "campaigns").tag("outcome", "failed").counter().count());
        assertEquals("{not json", Files.readString(stateDir.resolve("campaigns.state.json")));
        assertEquals(0, simulator.journal().requests().size(), "Cube is not asked");
    }
}
