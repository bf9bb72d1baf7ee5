package io.cubeintegration.feed;

import io.cubeintegration.Patience;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.cubeintegration.simulator.SimulatorSettings;
import org.apache.camel.spi.CamelEvent;
import org.awaitility.Awaitility;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feeds' Quartz triggers: a feed runs on its cron, and a run never overlaps the previous run of the feed. */
class QuartzScheduleTest extends CubeFeedTestSupport {

    private static final int CUSTOMERS = 300;

    private final Set<FeedRun> finishedRuns = ConcurrentHashMap.newKeySet();

    @Override
    protected SimulatorSettings simulatorSettings() {
        // three slow pages: a run takes longer than the one-second cron period
        return SimulatorSettings.builder().latencyMillis(500).pageSize("customers", 100).customersPerAssignment(CUSTOMERS).build();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("camel.component.quartz.auto-start-scheduler", "true");
    }

    @Override
    protected void writeRouteFiles() {
        writeRouteFile("every-second.yaml", """
                - templatedRoute:
                    routeTemplateRef: cube-snapshot-feed
                    routeId: every-second
                    parameters:
                      - name: feedId
                        value: every-second
                      - name: path
                        value: "assignments/%d/customers/"
                      - name: cron
                        value: "* * * * * ?"
                """.formatted(simulator.account().defaultAssignmentId()));
    }

    @Override
    protected void doPostSetup() throws Exception {
        EventNotifierSupport runWatcher = new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                FeedRun run = ((CamelEvent.ExchangeEvent) event).getExchange().getProperty(FeedRun.PROPERTY, FeedRun.class);
                if (run != null && run.getFinishedAt() != null) {
                    finishedRuns.add(run);
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                // every run, however its exchange ends, so that a failed one is counted and checked too
                return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
            }
        };
        context.getManagementStrategy().addEventNotifier(runWatcher);
        runWatcher.start();
    }

    // Runs of about two seconds on a one-second cron never overlap, each succeeds, and the files hold each customer once.
    @Test
    void runsFollowTheCronWithoutOverlapping() {
        // the watcher may miss the very first run, which can begin before it is registered
        Awaitility.await("three runs fired by the cron").atMost(Patience.LONG)
                .until(() -> finishedRuns.size() >= 3);

        List<FeedRun> runs = new ArrayList<>(finishedRuns);
        runs.sort(Comparator.comparing(FeedRun::startedAt));
        List<String> customers = Delivered.lines(simulator.account().records(
                "assignments/" + simulator.account().defaultAssignmentId() + "/customers/", Map.of()));
        for (FeedRun run : runs) {
            assertTrue(run.isSucceeded(), run + ": " + run.failure());
            // a snapshot run reads every customer: it delivers the new ones and leaves out those delivered before
            assertEquals(CUSTOMERS, run.records() + run.duplicates(), run.toString());
            if (run.records() > 0) {
                assertEquals(customers, OutputFolder.readLines(outDir.resolve("every-second").resolve(run.output().getFileName())),
                        "the run's file: every customer, record by record");
            }
        }
        for (int i = 1; i < runs.size(); i++) {
            FeedRun previous = runs.get(i - 1);
            FeedRun next = runs.get(i);
            assertFalse(next.startedAt().isBefore(previous.getFinishedAt()),
                    "run " + i + " started at " + next.startedAt() + " before the previous ended at " + previous.getFinishedAt());
        }
        // the first run, counted or not, delivered every customer; the later ones nothing again
        assertEquals(customers, output.completeLines("every-second"), "each customer once, in Cube's order");
    }
}
