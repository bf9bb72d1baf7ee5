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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator's injected faults: each at its configured rate, none at rate 0, each retried to success, reproducibly. */
class SimulatorFaultsTest {

    private static final int REQUESTS = 300;

    // rate429 throttles that share of requests (none at rate 0) with Retry-After and DRF's message; retries get through
    @ParameterizedTest(name = "rate429 {0}")
    @ValueSource(doubles = {0, 0.3, 0.6})
    void throttlingAppearsAtItsRate(double rate) {
        SimulatorSettings settings = SimulatorSettings.builder().rate429(rate).retryAfterSeconds(2).build();
        List<HttpResponse<byte[]>> faulted = faultedAtRate(settings, rate, response -> response.statusCode() == 429);
        for (HttpResponse<byte[]> throttled : faulted) {
            assertEquals("2", throttled.headers().firstValue("Retry-After").orElseThrow());
            assertEquals("{\"detail\":\"Request was throttled. Expected available in 2 seconds.\"}", new String(throttled.body(), StandardCharsets.UTF_8));
        }
    }

    // rate5xx answers that share (none at rate 0) with a proxy's 502/503/504 HTML page
    @ParameterizedTest(name = "rate5xx {0}")
    @ValueSource(doubles = {0, 0.3, 0.6})
    void proxyErrorsAppearAtTheirRate(double rate) {
        List<HttpResponse<byte[]>> faulted = faultedAtRate(SimulatorSettings.builder().rate5xx(rate).build(), rate,
                response -> response.statusCode() >= 502 && response.statusCode() <= 504);
        for (HttpResponse<byte[]> proxyError : faulted) {
            assertEquals("text/html", proxyError.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(new String(proxyError.body(), StandardCharsets.UTF_8).startsWith("<html>"));
        }
    }

    // rateTruncated answers that share (none at rate 0) with status 200, JSON content type and half a body that does not parse
    @ParameterizedTest(name = "rateTruncated {0}")
    @ValueSource(doubles = {0, 0.3, 0.6})
    void truncatedBodiesAppearAtTheirRate(double rate) {
        List<HttpResponse<byte[]>> faulted = faultedAtRate(SimulatorSettings.builder().rateTruncated(rate).build(), rate,
                SimulatorFaultsTest::unparseable);
        for (HttpResponse<byte[]> truncated : faulted) {
            assertEquals(200, truncated.statusCode());
            assertEquals("application/json; charset=utf-8", truncated.headers().firstValue("Content-Type").orElseThrow());
        }
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

    /**
     * Asks {@value #REQUESTS} distinct URLs and checks the share of faults is the configured rate: none at all at rate
     * 0, else within 0.1 of it (so a simulator that ignored the rate fails at one rate or another); every other answer
     * is the customer asked for, and every faulted URL asked again gets through to it. Returns the faulted answers.
     */
    private static List<HttpResponse<byte[]>> faultedAtRate(SimulatorSettings settings, double rate,
                                                            Predicate<HttpResponse<byte[]>> isFault) {
        try (CubeSimulator simulator = CubeSimulator.start(settings)) {
            CubeTestClient client = new CubeTestClient(simulator);
            List<HttpResponse<byte[]>> faulted = new ArrayList<>();
            List<Integer> faultedIds = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int id = 1_286_001 + i;
                HttpResponse<byte[]> response = client.get("assignments/240/customers/" + id);
                if (isFault.test(response)) {
                    faulted.add(response);
                    faultedIds.add(id);
                } else {
                    assertEquals(200, response.statusCode());
                    assertEquals(simulator.account().customer(240, id).orElseThrow(), CubeTestClient.parse(response.body()));
                }
            }
            double share = faulted.size() / (double) REQUESTS;
            if (rate == 0) {
                assertEquals(0, faulted.size(), "no fault at rate 0");
            } else {
                assertTrue(Math.abs(share - rate) < 0.1, "faulted share " + share + " at rate " + rate);
            }
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
