package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SimulatorConcurrencyTest {

    private static final int PARALLEL = 20;
    private static final int LATENCY_MILLIS = 300;

    // with latency, parallel requests are served side by side (not one after another) and maxInFlight shows it
    @Test
    void latencyMakesParallelRequestsOverlap() {
        try (CubeSimulator simulator = CubeSimulator.start(SimulatorSettings.builder().latencyMillis(LATENCY_MILLIS).build())) {
            CubeTestClient client = new CubeTestClient(simulator);
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                responses.add(client.getAsync("assignments/240/customers/?page=" + (1 + i % 2)));
            }
            responses.forEach(response -> assertEquals(200, response.join().statusCode()));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(elapsed.toMillis() >= LATENCY_MILLIS, "latency applies: " + elapsed);
            // side by side: most requests were in flight at once (a wall-clock bound would fail on a busy machine)
            int inFlight = simulator.journal().maxInFlight(request -> request.path().startsWith("assignments/240/customers"));
            assertTrue(inFlight >= PARALLEL / 2, "max in flight " + inFlight);
            assertEquals(PARALLEL / 2, simulator.journal().count(request -> "page=1".equals(request.rawQuery())));
            assertTrue(simulator.journal().requests().stream()
                    .allMatch(request -> request.status() == 200 && CubeTestClient.TOKEN.equals(request.headers().get("authorization"))));
            simulator.journal().reset();
            assertEquals(0, simulator.journal().requests().size());
        }
    }

    // close stops the server at once (well within the 10 s the slow request under way would take)
    @Test
    void closeIsPrompt() {
        CubeSimulator simulator = CubeSimulator.start(SimulatorSettings.builder().latencyMillis(10_000).build());
        CompletableFuture<HttpResponse<byte[]>> slow = new CubeTestClient(simulator).getAsync("campaigns");
        long started = System.nanoTime();
        simulator.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5000);
        assertTrue(slow.handle((response, failure) -> failure != null || response.statusCode() != 200).join());
    }
}
