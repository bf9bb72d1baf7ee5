package io.cubeintegration.cube;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.simulator.RecordedRequest;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cube misbehaving as real deployments do: throttling, proxy errors and truncated bodies, seeded. */
class FaultToleranceTest extends CubeFeedTestSupport {

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().rate5xx(0.10).rate429(0.05).retryAfterSeconds(1).rateTruncated(0.02)
                .faultSeed(20261124).pageSize("responses", 10).responsesPerDay(400).customersPerAssignment(80).build();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("cube.retry.max-attempts", "8");
    }

    // With faults on, an enriched multi-page run delivers exactly the fault-free result, record by record, and every
    // 429 was followed by a wait of at least its Retry-After before the same URL was asked again.
    @Test
    void faultsDeliverExactlyTheFaultFreeResult() {
        String day = FeedWindow.CUBE_DATE.format(simulator.account().today());
        Map<String, String> window = new LinkedHashMap<>();
        window.put("from_date", day);
        window.put("to_date", day);
        List<ObjectNode> expected = Delivered.enriched(simulator, simulator.account().records(
                "campaigns/" + simulator.account().defaultCampaignId() + "/responses/", window), simulator.account().defaultAssignmentId());

        FeedRun run = run("responses");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertEquals(Delivered.lines(expected), output.onlyFileLines("responses"));
        List<RecordedRequest> requests = simulator.journal().requests();
        long throttled = requests.stream().filter(r -> r.status() == 429).count();
        long proxyErrors = requests.stream().filter(r -> r.status() >= 500).count();
        assertTrue(throttled > 0 && proxyErrors > 0, throttled + " throttled, " + proxyErrors + " proxy errors");
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest refused = requests.get(i);
            if (refused.status() != 429) {
                continue;
            }
            RecordedRequest retry = requests.subList(i + 1, requests.size()).stream()
                    .filter(r -> r.path().equals(refused.path()) && String.valueOf(r.rawQuery()).equals(String.valueOf(refused.rawQuery())))
                    .findFirst().orElseThrow(() -> new AssertionError("no retry of " + refused.path()));
            Duration waited = Duration.between(refused.received(), retry.received());
            assertFalse(waited.compareTo(Duration.ofMillis(990)) < 0, "waited " + waited + " after a 429 on " + refused.path());
        }
    }
}
