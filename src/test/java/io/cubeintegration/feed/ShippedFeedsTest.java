package io.cubeintegration.feed;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.simulator.SimulatedAccount;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped example feeds in routes/, end to end against the simulator. */
class ShippedFeedsTest extends CubeFeedTestSupport {

    // Every shipped feed writes exactly the simulator's records, in Cube's order, Norwegian letters intact.
    @Test
    void everyShippedFeedDeliversExactlyWhatCubeHolds() {
        SimulatedAccount account = simulator.account();
        int campaign = account.defaultCampaignId();
        int assignment = account.defaultAssignmentId();
        Map<String, String> today = Delivered.window(account.today(), account.today());

        Map<String, List<ObjectNode>> expected = new LinkedHashMap<>();
        expected.put("responses", Delivered.enriched(simulator, account.records("campaigns/" + campaign + "/responses/", today), assignment));
        expected.put("call-outcomes", account.records("campaigns/" + campaign + "/call_outcomes/", today));
        expected.put("sms", account.records("campaigns/" + campaign + "/sms/", today));
        expected.put("callflow-customers", account.records("assignments/" + assignment + "/callflow_customers/", Map.of()));
        expected.put("campaign-callflow-customers", account.records("campaigns/" + campaign + "/callflow_customers/",
                Map.of("call_state", "Completed - Yes")));
        expected.put("customers", account.records("assignments/" + assignment + "/customers/", Map.of()));
        expected.put("campaigns", account.records("campaigns", Map.of()));
        expected.put("crm-custom-fields", account.records("assignments/" + assignment + "/crm_custom_fields/", Map.of()));

        assertEquals(expected.keySet().stream().sorted().toList(), FeedTrigger.feedIds(context).stream().sorted().toList());
        expected.forEach((feed, records) -> {
            FeedRun run = run(feed);
            assertTrue(run.isSucceeded(), feed + " failed: " + run.failure());
            assertFalse(records.isEmpty(), "the simulator holds records for " + feed);
            assertEquals(Delivered.lines(records), output.onlyFileLines(feed), feed);
            assertEquals(records.size(), run.records(), feed);
        });
        assertTrue(output.onlyFileLines("responses").stream().anyMatch(line -> line.matches(".*[æøåÆØÅ].*")),
                "Norwegian letters come through");
        assertTrue(output.onlyFileLines("customers").stream().anyMatch(line -> line.matches(".*[æøåÆØÅ].*")),
                "Norwegian letters come through");
    }

    // A backfill over three days makes a run per day, each fetching every page of its day into its own file.
    @Test
    void backfillDeliversEveryDayOfTheWindow() {
        SimulatedAccount account = simulator.account();
        LocalDate from = account.today().minusDays(10);
        LocalDate to = from.plusDays(2);

        FeedPlan plan = FeedTrigger.runNow(context, "responses", FeedWindow.CUBE_DATE.format(from), FeedWindow.CUBE_DATE.format(to));

        assertTrue(plan.succeeded());
        assertEquals(3, plan.runs().size());
        List<java.nio.file.Path> files = output.files("responses");
        assertEquals(3, files.size());
        for (int i = 0; i < 3; i++) {
            LocalDate day = from.plusDays(i);
            List<ObjectNode> expected = Delivered.enriched(simulator, account.records(
                    "campaigns/" + account.defaultCampaignId() + "/responses/", Delivered.window(day, day)), account.defaultAssignmentId());
            String stamp = FeedWindow.CUBE_DATE.format(day);
            java.nio.file.Path file = files.stream().filter(f -> f.toString().endsWith("_" + stamp + "-" + stamp + ".jsonl"))
                    .findFirst().orElseThrow();
            assertEquals(Delivered.lines(expected), OutputFolder.readLines(file));
            assertEquals((expected.size() + 49) / 50, plan.runs().get(i).pages());
        }
    }
}
