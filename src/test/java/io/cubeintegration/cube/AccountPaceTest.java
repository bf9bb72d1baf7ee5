package io.cubeintegration.cube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.RecordedRequest;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

/** One pace for the whole account: feeds running at once share the limit, and a 429 slows every feed down. */
class AccountPaceTest extends CubeFeedTestSupport {

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().latencyMillis(10).rate429(0.03).retryAfterSeconds(1).faultSeed(7)
                .pageSize("responses", 20).responsesPerDay(120).customersPerAssignment(300).build();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("cube.max-concurrent-requests", "4", "cube.lookup-concurrency", "8", "cube.retry.max-attempts", "10");
    }

    @Override
    protected void writeRouteFiles() {
        String responses = "campaigns/" + simulator.account().defaultCampaignId() + "/responses/";
        writeRouteFile("feeds.yaml", FeedYaml.feed("cube-window-feed", "first", responses, "enrich", "true", "enrichPlan", "lookup")
                + FeedYaml.feed("cube-window-feed", "second", responses, "enrich", "true", "enrichPlan", "lookup"));
    }

    // Two enriched feeds running at once never have more than cube.max-concurrent-requests requests out together, and
    // after each 429 no request of either feed starts until its Retry-After (1 s) has passed.
    @Test
    void feedsShareOnePaceThatA429SlowsDown() {
        CompletableFuture<FeedRun> first = CompletableFuture.supplyAsync(() -> run("first"));
        FeedRun second = run("second");

        assertTrue(first.join().isSucceeded(), String.valueOf(first.join().failure()));
        assertTrue(second.isSucceeded(), String.valueOf(second.failure()));
        assertEquals(Delivered.lines(Delivered.enriched(simulator, Delivered.responsesOfToday(simulator), simulator.account().defaultAssignmentId())),
                output.onlyFileLines("second"));
        int inFlight = simulator.journal().maxInFlight(request -> true);
        assertTrue(inFlight > 1 && inFlight <= 4, "at most 4 at once for both feeds, saw " + inFlight);
        List<RecordedRequest> requests = simulator.journal().requests();
        List<Instant> throttledAt = requests.stream().filter(r -> r.status() == 429).map(RecordedRequest::received).toList();
        assertTrue(throttledAt.size() > 1, "the seeded faults throttle some requests");
        for (Instant throttled : throttledAt) {
            // requests already on their way when the 429 came back may still arrive in the first moments
            Instant from = throttled.plus(Duration.ofMillis(200));
            Instant to = throttled.plus(Duration.ofMillis(950));
            List<RecordedRequest> during = requests.stream()
                    .filter(r -> r.received().isAfter(from) && r.received().isBefore(to)).toList();
            assertEquals(List.of(), during, "no request starts during the Retry-After of the 429 at " + throttled);
        }
    }
}
