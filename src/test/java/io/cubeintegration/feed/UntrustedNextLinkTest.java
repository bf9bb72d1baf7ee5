package io.cubeintegration.feed;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code next} links that point at another host: followed on the configured host, the other host gets nothing. */
class UntrustedNextLinkTest extends CubeFeedTestSupport {

    /** Stands for the foreign host the links name; it must never be asked anything. */
    @AutoClose
    private static final CubeSimulator FOREIGN = CubeSimulator.start(SimulatorSettings.builder().token("foreign").build());

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().nextLinkBase(FOREIGN.baseUrl()).pageSize("customers", 100)
                .customersPerAssignment(450).build();
    }

    // Every page is fetched from the configured host with the credentials; the foreign host receives no request.
    @Test
    void foreignNextLinksAreFetchedFromTheConfiguredHost() {
        int assignment = simulator.account().defaultAssignmentId();
        List<ObjectNode> expected = simulator.account().records("assignments/" + assignment + "/customers/", java.util.Map.of());

        FeedRun run = run("customers");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertEquals(5, run.pages());
        assertEquals(Delivered.lines(expected), output.onlyFileLines("customers"));
        assertEquals(List.of(), FOREIGN.journal().requests(), "the foreign host was asked nothing");
        assertEquals(5, simulator.journal().count(r -> r.path().endsWith("/customers/")
                && ("Token " + simulatorSettings().token()).equals(r.headers().get("authorization"))));
    }
}
