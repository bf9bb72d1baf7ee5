package io.cubeintegration.feed;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.cubeintegration.simulator.SimulatorSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One campaign of a partitioned feed that Cube refuses: it fails alone, and the others neither wait nor repeat. */
class PartitionFailureTest extends CubeFeedTestSupport {

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().responsesPerDay(30).customersPerAssignment(60).forbiddenPath("campaigns/927/").build();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("cube.start-date", FeedWindow.CUBE_DATE.format(simulator.account().today().minusDays(1)));
    }

    @Override
    protected void writeRouteFiles() {
        writeRouteFile("feeds.yaml", FeedYaml.feed("cube-window-feed", "responses", "campaigns/{campaign_id}/responses/",
                "campaigns", "all"));
    }

    // Campaign 927 fails on its first day and keeps no state; 926 and 998 deliver both days and commit; at the next
    // trigger 927 is tried again while the others deliver nothing twice; the metrics count the campaigns by outcome.
    @Test
    void aFailingCampaignHoldsBackNoOther() throws Exception {
        FeedPlan first = trigger("responses");

        assertFalse(first.succeeded());
        List<FeedRun> failed = first.runs().stream().filter(run -> run.failure() != null).toList();
        assertEquals(1, failed.size(), "one run of 927 failed, and its later day was not run");
        assertEquals(927, failed.get(0).partition().id());
        assertTrue(failed.get(0).failure().getMessage().contains("403"), failed.get(0).failure().getMessage());
        assertFalse(Files.exists(stateDir.resolve("responses#927.state.json")), "927 committed nothing");
        LocalDate today = simulator.account().today();
        for (int campaign : List.of(926, 998)) {
            assertEquals(2, first.runs().stream().filter(run -> run.partition().id() == campaign && run.isSucceeded()).count());
            assertTrue(Files.readString(stateDir.resolve("responses#" + campaign + ".state.json")).contains("\"watermark\":\"" + today + "\""));
        }
        MeterRegistry metrics = context.getRegistry().lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
        assertEquals(1.0, metrics.get("cube.feed.partitions").tag("feed", "responses").tag("outcome", "failed").gauge().value());
        assertEquals(2.0, metrics.get("cube.feed.partitions").tag("feed", "responses").tag("outcome", "ok").gauge().value());

        FeedPlan second = trigger("responses");
        assertTrue(second.runs().stream().anyMatch(run -> run.partition().id() == 927 && !run.isSucceeded()), "927 is tried again");
        assertTrue(second.runs().stream().filter(run -> run.partition().id() != 927)
                .allMatch(run -> run.isSucceeded() && run.records() == 0), "the others deliver nothing twice");
    }
}
