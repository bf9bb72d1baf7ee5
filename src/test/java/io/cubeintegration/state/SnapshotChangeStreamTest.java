package io.cubeintegration.state;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.feed.OutputFolder;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A snapshot feed turns Cube's full listing into a change stream: a customer goes out again only when it changed. */
class SnapshotChangeStreamTest extends CubeFeedTestSupport {

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().customersPerAssignment(300).build();
    }

    // The first run delivers every customer; an unchanged rerun delivers none; after agents edited every tenth
    // customer, the next run delivers exactly the edited customers, in their new version.
    @Test
    void onlyChangedCustomersGoOutAgain() {
        String customers = "assignments/" + simulator.account().defaultAssignmentId() + "/customers/";
        List<ObjectNode> before = simulator.account().records(customers, Map.of());

        FeedRun first = run("customers");
        FeedRun unchanged = run("customers");
        simulator.account().revise();
        List<ObjectNode> after = simulator.account().records(customers, Map.of());
        FeedRun edited = run("customers");

        assertEquals(300, first.records());
        assertEquals(0, unchanged.records());
        assertEquals(300, unchanged.duplicates());
        List<ObjectNode> changed = after.stream().filter(customer -> !before.contains(customer)).toList();
        assertEquals(30, changed.size(), "every tenth customer was edited");
        assertEquals(Delivered.lines(changed), OutputFolder.readLines(outDir.resolve("customers").resolve(edited.output().getFileName())));
        assertEquals(270, edited.duplicates());
    }
}
