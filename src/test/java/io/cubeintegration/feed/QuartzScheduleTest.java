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

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The feeds' Quartz triggers: a feed runs on its cron, and a run never overlaps the previous run of the feed. */
class QuartzScheduleTest extends CubeFeedTestSupport {

    private final Set<FeedRun> finishedRuns = ConcurrentHashMap.newKeySet();

    @Override
    protected SimulatorSettings simulatorSettings() {
        // three slow pages: a run takes longer than the one-second cron period
        return SimulatorSettings.builder().latencyMillis(500).pageSize("customers", 100).customersPerAssignment(300).build();
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
                return event instanceof CamelEvent.ExchangeCompletedEvent;
            }
        };
        context.getManagementStrategy().addEventNotifier(runWatcher);
        runWatcher.start();
    }

    // With a cron of every second and runs of about two seconds, runs follow one another and never overlap.
    @Test
    void runsFollowTheCronWithoutOverlapping() {
        // the watcher may miss the very first run, which can begin before it is registered
        Awaitility.await("three runs fired by the cron").atMost(Patience.LONG)
                .until(() -> finishedRuns.size() >= 3);

        List<FeedRun> runs = new ArrayList<>(finishedRuns);
        runs.sort(Comparator.comparing(FeedRun::startedAt));
        for (int i = 1; i < runs.size(); i++) {
            FeedRun previous = runs.get(i - 1);
            FeedRun next = runs.get(i);
            assertTrue(previous.isSucceeded(), String.valueOf(previous.failure()));
            assertFalse(next.startedAt().isBefore(previous.getFinishedAt()),
                    "run " + i + " started at " + next.startedAt() + " before the previous ended at " + previous.getFinishedAt());
        }
    }
}
