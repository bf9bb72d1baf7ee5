package io.cubeintegration.feed;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.simulator.SimulatedAccount;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pagination loop over many pages, plain arrays and empty results, with feeds an operator adds as YAML. */
class PaginationTest extends CubeFeedTestSupport {

    private static final int PAGE_SIZE = 5;
    private static final int RESPONSES_PER_DAY = 200;

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().pageSize("responses", PAGE_SIZE).pageSize("call_outcomes", 7)
                .responsesPerDay(RESPONSES_PER_DAY).build();
    }

    @Override
    protected void writeRouteFiles() {
        int campaign = simulator.account().defaultCampaignId();
        int assignment = simulator.account().defaultAssignmentId();
        writeRouteFile("paged-responses.yaml", feed("cube-window-feed", "paged-responses", "campaigns/" + campaign + "/responses/", ""));
        writeRouteFile("nothing.yaml", feed("cube-window-feed", "nothing", "campaigns/" + campaign + "/responses/",
                "response_type=NoSuchType"));
        writeRouteFile("campaign-list.yaml", feed("cube-snapshot-feed", "campaign-list", "campaigns", ""));
        // a later-generation endpoint, added with no Java change
        writeRouteFile("owner-call-outcomes.yaml", feed("cube-window-feed", "owner-call-outcomes",
                "data_owners/" + assignment + "/crm/B2C/call_outcomes/", ""));
    }

    static String feed(String template, String id, String path, String filters) {
        return FeedYaml.feed(template, id, path, "filters", filters);
    }

    // Forty pages of five are fetched one after another, and every record lands once, in Cube's order.
    @Test
    void fortyPagesDeliverEveryRecordInOrder() {
        SimulatedAccount account = simulator.account();
        List<ObjectNode> expected = account.records("campaigns/" + account.defaultCampaignId() + "/responses/",
                Delivered.window(account.today(), account.today()));

        FeedRun run = run("paged-responses");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertEquals(RESPONSES_PER_DAY / PAGE_SIZE, run.pages());
        assertEquals(40, simulator.journal().count(r -> r.path().endsWith("/responses/")));
        assertEquals(Delivered.lines(expected), output.onlyFileLines("paged-responses"));
    }

    // A plain-array endpoint is one page of records.
    @Test
    void plainArrayIsOnePage() {
        FeedRun run = run("campaign-list");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertEquals(1, run.pages());
        assertEquals(Delivered.lines(simulator.account().records("campaigns", Map.of())), output.onlyFileLines("campaign-list"));
    }

    // An empty result still completes the run, and leaves no file: nothing new, nothing to read.
    @Test
    void emptyResultLeavesNoFile() throws Exception {
        FeedRun run = run("nothing");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertEquals(0, run.records());
        assertEquals(List.of(), output.files("nothing"));
        try (var left = Files.list(outDir.resolve("nothing"))) {
            assertEquals(List.of(), left.toList(), "no part file either");
        }
    }

    // A feed for a later-generation endpoint declared only in YAML pulls that endpoint's records.
    @Test
    void laterGenerationEndpointNeedsOnlyYaml() {
        SimulatedAccount account = simulator.account();
        List<ObjectNode> expected = account.records(
                "data_owners/" + account.defaultAssignmentId() + "/crm/B2C/call_outcomes/", Delivered.window(account.today(), account.today()));

        FeedRun run = run("owner-call-outcomes");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertTrue(expected.size() > 7, "spans several pages");
        assertEquals(Delivered.lines(expected), output.onlyFileLines("owner-call-outcomes"));
    }
}
