package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SimulatorLinkSwitchesTest {

    private static final String RESPONSES = "campaigns/926/responses/?from_date=20240101&to_date=20240101";

    // nextLinkBase puts a foreign scheme, host and port into next and previous, keeping path and query
    @Test
    void nextLinkBaseReplacesTheOrigin() {
        SimulatorSettings settings = SimulatorSettings.builder().nextLinkBase(URI.create("https://cube.example.invalid:8443")).build();
        try (CubeSimulator simulator = CubeSimulator.start(settings)) {
            CubeTestClient client = new CubeTestClient(simulator);
            assertEquals("https://cube.example.invalid:8443/api/v1/" + RESPONSES + "&page=2", client.json(RESPONSES).get("next").asText());
            assertEquals("https://cube.example.invalid:8443/api/v1/" + RESPONSES + "&page=1",
                    client.json(RESPONSES + "&page=2").get("previous").asText());
        }
    }

    // nextLoop makes the last page's next repeat what page 1 offered, i.e. page 2, so a blind client loops forever
    @Test
    void nextLoopPointsTheLastPageBackAtPageTwo() {
        try (CubeSimulator simulator = CubeSimulator.start(SimulatorSettings.builder().nextLoop(true).build())) {
            CubeTestClient client = new CubeTestClient(simulator);
            String pageTwo = client.json(RESPONSES).get("next").asText();
            assertTrue(pageTwo.endsWith("&page=2"));
            JsonNode last = client.json(RESPONSES + "&page=3");
            assertEquals(20, last.get("results").size());
            assertEquals(pageTwo, last.get("next").asText());
            // the last page of a one-page result points at itself
            assertEquals(simulator.baseUrl() + "campaigns/998/sms/?page=1",
                    client.json("campaigns/998/sms/").get("next").asText());
        }
    }
}
