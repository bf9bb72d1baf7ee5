package io.cubeintegration.state;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.feed.OutputFolder;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedPlan;
import io.cubeintegration.feed.FeedTrigger;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Window feeds over time: watermarks, lookback, catch-up after downtime, and no record delivered twice. */
class IncrementalWindowsTest extends CubeFeedTestSupport {

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().pageSize("call_outcomes", 25).callOutcomesPerDay(60).build();
    }

    @Override
    protected void writeRouteFiles() {
        writeRouteFile("outcomes.yaml", """
                - templatedRoute:
                    routeTemplateRef: cube-window-feed
                    routeId: outcomes
                    parameters:
                      - name: feedId
                        value: outcomes
                      - name: path
                        value: "campaigns/%d/call_outcomes/"
                """.formatted(simulator.account().defaultCampaignId()));
    }

    // Reruns and a backfill overlapping delivered days leave every record of the days in the files exactly once,
    // and the watermark at today; a scheduled rerun's look-back never reaches before the feed's first day.
    @Test
    void overlappingWindowsAndRerunsDeliverEachRecordOnce() {
        LocalDate today = simulator.account().today();

        assertTrue(trigger("outcomes").succeeded());
        assertTrue(FeedTrigger.runNow(context, "outcomes", day(today.minusDays(2)), day(today)).succeeded());
        FeedPlan rerun = trigger("outcomes");

        assertTrue(rerun.succeeded());
        assertEquals(1, rerun.runs().size(), "today only: the feed began today, its look-back stops there");
        assertEquals("tail", rerun.runs().get(0).readMode(), "today again, only what came after its last read");
        assertEquals(0, rerun.runs().get(0).records());
        assertEquals(sorted(expected(today.minusDays(2), today)), sorted(output.lines("outcomes")));
        assertEquals(today, store().load("outcomes").watermark());
    }

    // Three days without runs: the next trigger fetches every day since the watermark (less the lookback) and
    // delivers the missed days, each record once, in a file per day.
    @Test
    void catchUpAfterThreeDaysOfDowntime() {
        LocalDate today = simulator.account().today();
        LocalDate lastRun = today.minusDays(4);
        // the run of four days ago, then nothing: its day delivered, the watermark left there
        assertTrue(FeedTrigger.runNow(context, "outcomes", day(lastRun), day(lastRun)).succeeded());
        FeedState state = store().load("outcomes");
        state.commitWindow(new VersionTable(), lastRun, lastRun, 2, null);
        store().save("outcomes", state);

        FeedPlan catchUp = trigger("outcomes");

        assertTrue(catchUp.succeeded());
        assertEquals(6, catchUp.runs().size(), "the lookback day, the watermark's day, three missed days and today");
        assertEquals(60, catchUp.runs().get(1).duplicates(), "the watermark's day was delivered already");
        for (int missed = 1; missed <= 3; missed++) {
            LocalDate day = lastRun.plusDays(missed);
            Path file = outDir.resolve("outcomes").resolve(catchUp.runs().get(1 + missed).output().getFileName());
            assertEquals(Delivered.lines(expected(day, day)), OutputFolder.readLines(file));
        }
        assertEquals(sorted(expected(lastRun.minusDays(1), today)), sorted(output.lines("outcomes")));
        assertEquals(today, store().load("outcomes").watermark());
    }

    // A reset to a day makes the next run fetch from that very day to today, not from a look-back before it.
    @Test
    void resetFetchesFromTheDayItNames() {
        LocalDate today = simulator.account().today();
        assertTrue(trigger("outcomes").succeeded());
        FeedState state = store().load("outcomes");
        state.refetchFrom(today.minusDays(2));
        store().save("outcomes", state);

        FeedPlan after = trigger("outcomes");

        assertTrue(after.succeeded());
        assertEquals(List.of(today.minusDays(2), today.minusDays(1), today),
                after.runs().stream().map(run -> run.getWindow().from()).toList());
        List<ObjectNode> deliveredAgain = new ArrayList<>(expected(today.minusDays(2), today));
        deliveredAgain.addAll(expected(today, today));
        assertEquals(sorted(deliveredAgain), sorted(output.lines("outcomes")), "the reset's days, today a second time as a reset promises");
    }

    private FeedStateStore store() {
        return context.getRegistry().lookupByNameAndType("feedStateStore", FeedStateStore.class);
    }

    private List<ObjectNode> expected(LocalDate from, LocalDate to) {
        List<ObjectNode> records = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            records.addAll(simulator.account().records("campaigns/" + simulator.account().defaultCampaignId() + "/call_outcomes/",
                    Delivered.window(day, day)));
        }
        return records;
    }

    private static List<String> sorted(List<?> lines) {
        return lines.stream().map(line -> line instanceof ObjectNode node ? Delivered.line(node) : (String) line).sorted().toList();
    }

    private static String day(LocalDate day) {
        return FeedWindow.CUBE_DATE.format(day);
    }
}
