package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SimulatorFaultsTest {

    private static final int REQUESTS = 300;

    // rate429 throttles about that share of requests with Retry-After and DRF's message; retries get through
    @Test
    void throttlingAppearsAtItsRate() {
        SimulatorSettings settings = SimulatorSettings.builder().rate429(0.3).retryAfterSeconds(2).build();
        List<HttpResponse<byte[]>> faulted = faultedAtRate(settings, response -> response.statusCode() == 429);
        HttpResponse<byte[]> throttled = faulted.get(0);
        assertEquals("2", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("{\"detail\":\"Request was throttled. Expected available in 2 seconds.\"}", new String(throttled.body(), StandardCharsets.UTF_8));
    }

    // rate5xx answers about that share with a proxy's 502/503/504 HTML page
    @Test
    void proxyErrorsAppearAtTheirRate() {
        List<HttpResponse<byte[]>> faulted = faultedAtRate(SimulatorSettings.builder().rate5xx(0.3).build(),
                response -> response.statusCode() >= 502 && response.statusCode() <= 504);
        faulted.forEach(response -> assertEquals("text/html", response.headers().firstValue("Content-Type").orElseThrow()));
        assertTrue(new String(faulted.get(0).body(), StandardCharsets.UTF_8).startsWith("<html>"));
    }

    // rateTruncated answers about that share with status 200, JSON content type and half a body that does not parse
    @Test
    void truncatedBodiesAppearAtTheirRate() {
        List<HttpResponse<byte[]>> faulted = faultedAtRate(SimulatorSettings.builder().rateTruncated(0.3).build(), SimulatorFaultsTest::unparseable);
        faulted.forEach(response -> {
            assertEquals(200, response.statusCode());
            assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        });
    }

    // the same fault seed fails the same requests in a fresh simulator: a run is reproducible
    @Test
    void faultsAreReproducible() {
        SimulatorSettings settings = SimulatorSettings.builder().rate429(0.2).rate5xx(0.2).rateTruncated(0.2).build();
        assertEquals(statuses(settings), statuses(settings));
    }

    private static List<Integer> statuses(SimulatorSettings settings) {
        try (CubeSimulator simulator = CubeSimulator.start(settings)) {
            CubeTestClient client = new CubeTestClient(simulator);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                HttpResponse<byte[]> response = client.get("assignments/240/customers/" + (1_286_001 + i % 10));
                statuses.add(unparseable(response) ? -1 : response.statusCode());
            }
            return statuses;
        }
    }

    /** Asks {@value #REQUESTS} distinct URLs, checks the faulted share is near 0.3, and retries every faulted URL to success. */
    private static List<HttpResponse<byte[]>> faultedAtRate(SimulatorSettings settings, Predicate<HttpResponse<byte[]>> isFault) {
        try (CubeSimulator simulator = CubeSimulator.start(settings)) {
            CubeTestClient client = new CubeTestClient(simulator);
            List<HttpResponse<byte[]>> faulted = new ArrayList<>();
            List<Integer> faultedIds = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<byte[]> response = client.get("assignments/240/customers/" + (1_286_001 + i));
                if (isFault.test(response)) {
                    faulted.add(response);
                    faultedIds.add(1_286_001 + i);
                } else {
                    assertEquals(200, response.statusCode());
                }
            }
            double share = faulted.size() / (double) REQUESTS;
            assertTrue(share > 0.2 && share < 0.4, "faulted share " + share);
            for (int id : faultedIds) {
                HttpResponse<byte[]> retried = retryUntilClean(client, "assignments/240/customers/" + id, isFault);
                assertEquals(simulator.account().customer(240, id).orElseThrow(), CubeTestClient.parse(retried.body()));
            }
            return faulted;
        }
    }

    private static HttpResponse<byte[]> retryUntilClean(CubeTestClient client, String path, Predicate<HttpResponse<byte[]>> isFault) {
        for (int attempt = 0; attempt < 30; attempt++) {
            HttpResponse<byte[]> response = client.get(path);
            if (!isFault.test(response)) {
                return response;
            }
        }
        throw new AssertionError(path + " kept failing");
    }

    private static boolean unparseable(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return false;
        }
        try {
            CubeTestClient.parse(response.body());
            return false;
        } catch (UncheckedIOException e) {
            return true;
        }
    }
}
