package io.cubeintegration.cli;

import io.cubeintegration.Patience;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cubeintegration.broker.EmbeddedKafkaBroker;
import io.cubeintegration.cli.ApplicationProcess.Result;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka sink from the command line: a broker that is gone, and the Kafka demo. */
class KafkaCommandLineTest extends ApplicationProcessTestSupport {

    private static final String JAAS_SECRET = "jaas-secret-5521";

    // With the broker stopped, the run fails within the configured bound naming broker and topic, --once exits 1,
    // nothing is reported as published, Cube is not even paged, and the SASL password is never printed.
    @Test
    void brokerStoppedBeforeTheRunFailsItClearly() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(1);
        String brokers = broker.bootstrapServers();
        broker.close();
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), ApplicationEnvironment.SHIPPED_FEEDS);
        environment.put("CUBE_SINK", "kafka");
        environment.put("KAFKA_BROKERS", brokers);
        environment.put("CAMEL_COMPONENT_KAFKA_MAX_BLOCK_MS", "3000");
        environment.put("KAFKA_SASL_JAAS_CONFIG",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"cube\" password=\"" + JAAS_SECRET + "\";");

        Result result = ApplicationProcess.run(workDir, environment, "--once", "--feed", "responses");
        Duration took = Duration.between(result.loggedAt("run started"), result.loggedAt("run FAILED"));

        assertEquals(1, result.exitCode(), result.output());
        // max-block-ms 3 s, and no retry beyond it (the default bound is 15 s)
        assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, "failed within the bound, took " + took);
        assertTrue(result.output().contains("responses: feed responses: Kafka (" + brokers
                + ") cannot take records for topic cube.responses"), result.output());
        assertTrue(result.output().contains("run FAILED"), result.output());
        assertFalse(result.output().contains("run ok"), result.output());
        assertFalse(result.output().contains(JAAS_SECRET), "the SASL password must not be printed");
        assertEquals(0, cube.journal().count(r -> r.path().endsWith("/responses/")), "Cube was not paged");
    }

    // A broker lost while a run has pages on their way: the run fails within the producer's delivery timeout, says
    // so, exits 1 and commits nothing (its pages stay pending for the next run to read back), however many pages it had
    // sent ahead; and it asks Cube for no page after the one it could not publish.
    @Test
    void brokerLostMidRunFailsItWithPagesOnTheirWay() throws Exception {
        try (CubeSimulator slow = CubeSimulator.start(SimulatorSettings.builder().latencyMillis(60).responsesPerDay(2000)
                .pageSize("responses", 10).build())) {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(1);
            Map<String, String> environment = ApplicationEnvironment.of(slow, settings.token(), ApplicationEnvironment.SHIPPED_FEEDS);
            environment.put("CUBE_SINK", "kafka");
            environment.put("KAFKA_BROKERS", broker.bootstrapServers());
            environment.put("CAMEL_COMPONENT_KAFKA_MAX_BLOCK_MS", "3000");
            environment.put("CAMEL_COMPONENT_KAFKA_REQUEST_TIMEOUT_MS", "2000");
            environment.put("CAMEL_COMPONENT_KAFKA_DELIVERY_TIMEOUT_MS", "4000");
            ApplicationProcess.Started run = ApplicationProcess.start(workDir, environment, List.of(), "--once", "--feed", "responses");
            try {
                Awaitility.await("pages published").atMost(Patience.LONG)
                        .until(() -> slow.journal().count(r -> r.path().endsWith("/responses/")) >= 20 || !run.process().isAlive());
            } finally {
                broker.close();
            }
            Instant lost = Instant.now();
            Result result = run.await();
            Duration took = Duration.between(lost, result.loggedAt("run FAILED"));

            assertEquals(1, result.exitCode(), result.output());
            // bounded: the delivery timeout is 4 s, and a page under way may still wait max-block-ms (3 s) a record for the
            // brokers' metadata; a run that waited on the lost broker for good would never end
            assertTrue(took.compareTo(Duration.ofSeconds(60)) < 0, "failed within the delivery timeout's bounds, took " + took
                    + " after the broker was gone at " + lost + ":\n" + result.output());
            assertTrue(result.output().contains("run FAILED"), result.output());
            assertFalse(result.output().contains("run ok"), result.output());
            assertTrue(result.output().lines().anyMatch(line -> line.contains("run FAILED") && line.contains("cube.responses")),
                    "the failure names the topic: " + result.output());
            // the run stops at the page it could not publish: no page after it is asked of Cube beyond those on their way
            Matcher failed = Pattern.compile("run FAILED.* after (\\d+) pages, (\\d+) records delivered").matcher(result.output());
            assertTrue(failed.find(), result.output());
            long pages = Long.parseLong(failed.group(1));
            assertEquals(Long.parseLong(failed.group(2)) / 10 + 1, pages, "pages taken: those handed to the producer and the one that failed");
            long asked = slow.journal().count(r -> r.path().endsWith("/responses/"));
            assertTrue(asked <= pages + 8, asked + " pages asked of Cube for a run that failed at page " + pages);
            try (var states = Files.walk(Files.createDirectories(workDir.resolve("data")))) {
                for (Path state : states.filter(file -> file.toString().endsWith(".state.json")).toList()) {
                    assertFalse(Files.readString(state).contains("\"watermark\":\"2"), "no watermark committed: " + state);
                }
            }
        }
    }

    // --demo --kafka starts its own broker, publishes every example feed to cube.<feed id> and says how to read them later;
    // after a files demo on the same folder, every record still goes to the topics: a feed's state is per destination.
    @Test
    void demoWithKafkaPublishesEveryExampleFeed() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("CUBE_ROUTES", ApplicationEnvironment.SHIPPED_FEEDS.toString());

        Result files = ApplicationProcess.run(workDir, environment, "--demo", "--once");
        Result result = ApplicationProcess.run(workDir, environment, "--demo", "--kafka", "--once");

        assertEquals(0, files.exitCode(), files.output());
        assertEquals(0, result.exitCode(), result.output());
        // the broker ends with --once: no kcat line for a broker that is gone, but how to read the topics instead
        assertFalse(result.output().contains("kcat -b"), result.output());
        assertTrue(result.output().contains("The broker stops with the command: to read the topics, run --demo --kafka without --once"),
                result.output());
        for (String feed : List.of("call-outcomes", "callflow-customers", "campaign-callflow-customers", "campaigns",
                "crm-custom-fields", "customers", "responses", "sms")) {
            long toFiles = delivered(files.output(), feed, "out/" + feed);
            long toTopic = delivered(result.output(), feed, "topic cube." + feed);
            assertTrue(toFiles > 0, feed + " wrote records to files");
            assertTrue(toTopic >= toFiles, feed + ": " + toTopic + " records to the topic, " + toFiles + " to files");
        }
        try (var written = Files.list(workDir.resolve("out"))) {
            assertEquals(8, written.count(), "the files demo's folders, and nothing more");
        }
    }

    /**
     * The records a feed's runs delivered, from their end lines: "run ok ...: N pages, M records to <where>", of the
     * feed or, over every campaign, of each campaign ("feed responses[926]: run ok").
     */
    private static long delivered(String output, String feed, String where) {
        Matcher line = Pattern.compile("feed " + Pattern.quote(feed) + "(\\[\\d+])?: run ok.*?[:,] \\d+ pages?, (\\d+) records to [^,]*"
                + Pattern.quote(where)).matcher(output);
        long records = 0;
        boolean found = false;
        while (line.find()) {
            found = true;
            records += Long.parseLong(line.group(2));
        }
        assertTrue(found, "no run ok line of " + feed + " to " + where + " in\n" + output);
        return records;
    }
}
