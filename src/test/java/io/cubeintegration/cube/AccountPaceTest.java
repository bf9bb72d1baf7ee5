package io.cubeintegration.cube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.SimulatorSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

/** One pace for the whole account: feeds running at once share the limit, and a 429 slows every feed down. */
class AccountPaceTest extends CubeFeedTestSupport {

    private final Queue<Long> starts = new ConcurrentLinkedQueue<>();
    private final Queue<Long> throttledSeen = new ConcurrentLinkedQueue<>();

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
    // after each 429 neither feed starts a request until its Retry-After (1 s) has passed.
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
        assertTrue(throttledSeen.size() > 1, "the seeded faults throttle some requests");
        for (long seen : throttledSeen) {
            // a request that had its turn just before the 429 was read may still be on its way into Camel
            List<Long> during = starts.stream().map(start -> (start - seen) / 1_000_000)
                    .filter(millis -> millis > 50 && millis < 950).toList();
            assertEquals(List.of(), during, "ms after a 429 was read that requests started at");
        }
    }

    @Override
    protected void doPostSetup() throws Exception {
        // the application's own view: when it sends each request to Cube, and when it reads a 429, however late a busy
        // machine lets it (what Cube sees lags both by an unbounded while there)
        EventNotifierSupport requestWatcher = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeSendingEvent) {
                    starts.add(System.nanoTime());
                } else if (((CamelEvent.ExchangeSentEvent) event).getExchange().getMessage()
                        .getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class) == 429) {
                    throttledSeen.add(System.nanoTime());
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return (event instanceof CamelEvent.ExchangeSendingEvent sending && isCube(sending.getEndpoint()))
                        || (event instanceof CamelEvent.ExchangeSentEvent sent && isCube(sent.getEndpoint()));
            }
        };
        context.getManagementStrategy().addEventNotifier(requestWatcher);
        requestWatcher.start();
    }

    private static boolean isCube(Endpoint endpoint) {
        return endpoint.getEndpointUri().startsWith("http");
    }
}
