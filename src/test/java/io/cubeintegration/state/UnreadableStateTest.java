package io.cubeintegration.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    // A state that parses but is not one this application wrote for this feed ({}, another feed's, a newer release's)
    // is refused naming the file and why, and left as it was: it is never taken as "nothing delivered yet".
    @Test
    void aStateThatIsNotThisFeedsIsRefused() throws IOException {
        Path file = stateDir.resolve("campaigns.state.json");
        for (String[] state : new String[][] {
                {"{}", "it is not a feed state: it lacks \"feed\" and \"delivered\""},
                {"{\"feed\":\"campaigns\",\"watermark\":null}", "it is not a feed state: it lacks \"delivered\""},
                {"{\"feed\":\"responses\",\"format\":2,\"delivered\":[]}", "it is the state of 'responses', not of 'campaigns'"},
                {"{\"feed\":\"campaigns\",\"format\":9,\"delivered\":[]}", "it is in format 9, which this release does not know"}}) {
            Files.writeString(file, state[0]);

            IllegalArgumentException failed = assertThrows(IllegalArgumentException.class, () -> trigger("campaigns"));

            assertTrue(failed.getMessage().startsWith("feed campaigns: cannot read its state " + file + ": " + state[1]), failed.getMessage());
            assertEquals(state[0], Files.readString(file));
        }
        assertEquals(0, simulator.journal().requests().size(), "Cube is not asked");
    }
}
