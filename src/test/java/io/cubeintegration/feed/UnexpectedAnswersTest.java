package io.cubeintegration.feed;

import java.util.List;

import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers a feed cannot use: a proxy's HTML error page, JSON of the wrong shape, an unknown campaign. */
class UnexpectedAnswersTest extends CubeFeedTestSupport {

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().forbiddenPath("campaigns/927/").build();
    }

    @Override
    protected void writeRouteFiles() {
        int assignment = simulator.account().defaultAssignmentId();
        writeRouteFile("feeds.yaml", PaginationTest.feed("cube-snapshot-feed", "one-customer",
                "assignments/" + assignment + "/customers/1286001", "")
                + PaginationTest.feed("cube-window-feed", "unknown-campaign", "campaigns/123456/responses/", "")
                + PaginationTest.feed("cube-window-feed", "forbidden-campaign", "campaigns/927/call_outcomes/", ""));
    }

    // A JSON object without results is neither a page nor an array: the run stops and says so.
    @Test
    void jsonOfTheWrongShapeFailsTheRun() {
        FeedRun run = run("one-customer");

        assertFalse(run.isSucceeded());
        String message = LogSafe.failure(run.failure());
        assertTrue(message.contains("feed one-customer: page 1 from " + simulator.baseUrl()), message);
        assertTrue(message.contains("neither a JSON array nor an object with a results array"), message);
        assertEquals(List.of(), output.files("one-customer"));
    }

    // A 404 is not asked again; it names the feed, the status, Cube's detail and the URL, and no credentials.
    @Test
    void httpErrorNamesFeedStatusAndUrl() {
        FeedRun run = run("unknown-campaign");

        assertFalse(run.isSucceeded());
        String message = LogSafe.failure(run.failure());
        assertTrue(message.startsWith("feed unknown-campaign: Cube answered HTTP 404 for GET " + simulator.baseUrl()
                + "campaigns/123456/responses/?from_date="), message);
        assertTrue(message.contains("Not found."), message);
        assertFalse(message.contains(simulatorSettings().token()), message);
        assertEquals(1, simulator.journal().count(r -> r.path().equals("campaigns/123456/responses/")), "no retry");
        assertEquals(List.of(), output.files("unknown-campaign"));
        assertFalse(java.nio.file.Files.exists(stateDir.resolve("unknown-campaign.state.json")), "the state is untouched");
    }

    // A 403 (no permission) is one clear error, not retried, and leaves no file and the state as it was.
    @Test
    void forbiddenNamesFeedStatusAndUrlAndLeavesTheStateAlone() {
        FeedRun run = run("forbidden-campaign");

        assertFalse(run.isSucceeded());
        String message = LogSafe.failure(run.failure());
        assertTrue(message.startsWith("feed forbidden-campaign: Cube answered HTTP 403 for GET " + simulator.baseUrl()
                + "campaigns/927/call_outcomes/"), message);
        assertTrue(message.contains("You do not have permission"), message);
        assertEquals(1, simulator.journal().count(r -> r.path().equals("campaigns/927/call_outcomes/")), "no retry");
        assertEquals(List.of(), output.files("forbidden-campaign"));
        assertFalse(java.nio.file.Files.exists(stateDir.resolve("forbidden-campaign.state.json")), "the state is untouched");
    }
}
