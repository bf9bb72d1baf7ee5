package io.cubeintegration.state;

import io.cubeintegration.Patience;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cubeintegration.cli.ApplicationEnvironment;
import io.cubeintegration.cli.ApplicationProcess;
import io.cubeintegration.cli.ApplicationProcessTestSupport;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.sink.KafkaTestBroker;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application as a separate process, killed with SIGKILL at several points of a ten-page run, then started again:
 * every record of the window must be delivered exactly once, to files and to Kafka (a page acknowledged by the broker
 * but not yet recorded is found again by reading the topic back). One subclass per sink, so the two run side by side.
 */
abstract class CrashRecoveryTestSupport extends ApplicationProcessTestSupport {

    private static final int PAGES = 10;
    private static final int PAGE_SIZE = 10;
    /** The pages a Kafka run sends before it waits for their acknowledgements and records them (the default). */
    private static final int PAGES_AHEAD = 4;

    private final String topicPrefix = "crash" + System.nanoTime() + ".";

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().pageSize("responses", PAGE_SIZE).responsesPerDay(PAGES * PAGE_SIZE).latencyMillis(120).build();
    }

    /** The sink under test: file or kafka. */
    abstract String sink();

    // Killed before the first page, mid-pagination, while publishing the last page, or after publishing and before
    // saving the state: the restart delivers the whole window, each record once.
    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {"before-first-page", "mid-pagination", "mid-publish", "before-state"})
    void killedRunIsRecoveredByTheNextRun(String point) throws Exception {
        String sink = sink();
        String feed = "crash-" + sink;
        Map<String, String> environment = environment(sink, feed);
        List<String> jvm = point.equals("before-state") ? List.of("-Dcube.crash-test.pause=before-state") : List.of();

        ApplicationProcess.Started crashed = ApplicationProcess.start(workDir, environment, jvm, "--once", "--feed", feed);
        Awaitility.await(point).atMost(Patience.LONG).pollInterval(Duration.ofMillis(5))
                .until(() -> reached(point, crashed));
        if (point.equals("before-state")) {
            assertTrue(crashed.output().contains("paused at before-state"), "the run stopped at its state write: " + crashed.output());
        }
        crashed.kill();
        ApplicationProcess.Result restarted = ApplicationProcess.run(workDir, environment, "--once", "--feed", feed);

        assertEquals(0, restarted.exitCode(), restarted.output());
        List<String> expected = Delivered.todaysResponses(cube);
        // a part file left behind would be a torn file, and fails the test
        List<String> delivered = sink.equals("file") ? output.lines(feed) : KafkaTestBroker.readValues(topicPrefix + feed, expected.size());
        List<String> distinct = delivered.stream().distinct().toList();
        int duplicates = delivered.size() - distinct.size();
        System.out.printf("crash recovery, %s sink killed %s: %d records delivered, %d duplicates%n",
                sink, point, delivered.size(), duplicates);
        assertEquals(expected.stream().sorted().toList(), distinct.stream().sorted().toList(), "every record, none lost");
        assertEquals(0, duplicates, "each record exactly once");
        if (sink.equals("kafka") && point.equals("before-state")) {
            // killed with the pages ahead (cube.kafka-pages-ahead, 4) acknowledged but not recorded: the restart found
            // all of them in the topic
            assertTrue(restarted.output().contains(PAGES_AHEAD * PAGE_SIZE + " of the " + PAGES_AHEAD * PAGE_SIZE
                            + " records of the pages that were going out"),
                    restarted.output());
        }
    }

    private boolean reached(String point, ApplicationProcess.Started process) throws IOException {
        long pages = cube.journal().count(r -> r.path().endsWith("/responses/") && r.status() == 200);
        return switch (point) {
            case "before-first-page" -> cube.journal().count(r -> r.path().equals("campaigns")) > 0;
            case "mid-pagination" -> pages >= PAGES / 2 - 1;
            case "mid-publish" -> pages >= PAGES;
            case "before-state" -> process.output().contains("paused at before-state");
            default -> throw new IllegalArgumentException(point);
        } || !process.process().isAlive();
    }

    private Map<String, String> environment(String sink, String feed) throws IOException {
        Path routes = Files.createDirectories(workDir.resolve("routes"));
        Files.writeString(routes.resolve(feed + ".yaml"), FeedYaml.feed("cube-window-feed", feed,
                Delivered.responsesPath(cube), "sink", sink, "keyField", "crm_customer_id"));
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), routes);
        environment.put("CUBE_OUT_DIR", workDir.resolve("out").toString());
        environment.put("CUBE_STATE_DIR", workDir.resolve("data").toString());
        environment.put("CUBE_TOPIC_PREFIX", topicPrefix);
        if (sink.equals("kafka")) {
            environment.put("KAFKA_BROKERS", KafkaTestBroker.bootstrapServers());
        }
        return environment;
    }
}
