package io.cubeintegration.cluster;

import io.cubeintegration.Patience;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.cubeintegration.cli.ApplicationProcess;
import io.cubeintegration.cli.RunningApplication;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.sink.KafkaTestBroker;
import io.cubeintegration.state.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three instances of the application, each a JVM of its own, on one PostgreSQL against a Cube whose day keeps filling
 * up: file, Kafka and snapshot feeds on a two-second schedule, one instance killed right after a state save and
 * another killed at a random moment, both restarted. Everything delivered is compared record by record with what the
 * simulator holds.
 */
class ClusterTest extends ClusterTestSupport {

    private static final int PAGE = 20;
    private static final int PER_DAY = 300;
    private static final int MAX_AT_ONCE = 4;
    /** A run a trigger started on its schedule; a run started again for an instance that died is marked "recovering". */
    private static final Pattern TRIGGER = Pattern.compile("feed (\\S+): run started, trigger (\\S+?)(?:, window |: GET )");

    private final TestPostgres.Database database = TestPostgres.newDatabase();
    private final String topicPrefix = "cluster" + System.nanoTime() + ".";

    // However the instances come and go, every record reaches the files and the topic exactly once (a file run
    // committed by a killed instance is completed by another; a page a killed instance was publishing is read back);
    // each trigger fires on one instance, no run fails on a lost race, and the instances together never ask Cube
    // more than the account's limit at once.
    @Test
    void threeInstancesDeliverEveryRecordOnceThroughKillsAndRestarts() throws Exception {
        startCube(SimulatorSettings.builder().pageSize("responses", PAGE).responsesPerDay(PER_DAY)
                .customersPerAssignment(200).pageSize("customers", 50).latencyMillis(10).build());
        String customers = "assignments/" + cube.account().defaultAssignmentId() + "/customers/";
        Path routes = Files.createDirectories(workDir.resolve("routes"));
        String everyTwoSeconds = "0/2 * * * * ?";
        Files.writeString(routes.resolve("feeds.yaml"),
                FeedYaml.feed("cube-window-feed", "responses-files", Delivered.responsesPath(cube), "cron", everyTwoSeconds, "sink", "file")
                + FeedYaml.feed("cube-window-feed", "responses-kafka", Delivered.responsesPath(cube), "cron", everyTwoSeconds, "sink", "kafka",
                        "keyField", "crm_customer_id")
                + FeedYaml.feed("cube-snapshot-feed", "customers", customers, "cron", everyTwoSeconds, "sink", "file"));
        cube.account().responsesSoFarToday(PAGE);
        Set<String> customerVersions = new TreeSet<>(Delivered.lines(cube.account().records(customers, Map.of())));

        // c, alone at first, stops for good right after the state save of its first file run, before the rename,
        // holding the feed's lease; killed there: the committed part file must be completed by whichever instance
        // runs the feed next
        RunningApplication c = start(instance("c"), "-Dcube.crash-test.pause=after-state:responses-files");
        await().atMost(Patience.LONG).until(() -> c.output().contains("paused at after-state"));
        c.close();
        RunningApplication a = start(instance("a"));
        start(instance("b"));
        await().atMost(Patience.LONG).until(() -> runs("customers", "ok") >= 1 && runs("responses-files", "ok") >= 1);
        AtomicInteger soFar = growResponses(PAGE, PER_DAY);
        cube.account().revise();
        customerVersions.addAll(Delivered.lines(cube.account().records(customers, Map.of())));
        start(instance("c"));

        // a is killed at a random moment (after a random number of further runs started), and comes back
        long runsBefore = runsStarted();
        int further = 1 + new Random().nextInt(6);
        await().atMost(Patience.LONG).until(() -> runsStarted() >= runsBefore + further);
        a.close();
        start(instance("a"));

        await().atMost(Patience.LONG).until(() -> soFar.get() == PER_DAY);
        List<String> responses = Delivered.todaysResponses(cube);
        assertEquals(PER_DAY, responses.size());
        await().atMost(Patience.LONG).until(() -> Set.copyOf(output.completeLines("responses-files")).containsAll(responses)
                && Set.copyOf(output.completeLines("customers")).containsAll(customerVersions));
        List<List<String>> read = new ArrayList<>();
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> {
            read.add(0, KafkaTestBroker.readValues(topicPrefix + "responses-kafka", PER_DAY));
            return Set.copyOf(read.get(0)).containsAll(responses);
        });
        List<String> topic = read.get(0);
        List<String> logs = new ArrayList<>();
        for (RunningApplication application : started) {
            logs.add(application.output());
        }
        // an operator's --once beside the cluster runs the feed by its lease, and leaves the cluster's triggers alone
        List<String> triggersBefore = clusterTriggers();
        ApplicationProcess.Result once = ApplicationProcess.run(workDir, instance("once"), "--once", "--feed", "responses-files");
        List<String> triggersAfter = clusterTriggers();
        for (RunningApplication application : started) {
            application.close();
        }
        Delivered.assertExactlyOnce(responses, output.completeLines("responses-files"), "every response in the files exactly once");
        Delivered.assertExactlyOnce(customerVersions, output.completeLines("customers"), "every customer version exactly once");
        Delivered.assertExactlyOnce(responses, topic, "every response in the topic exactly once");
        System.out.printf("cluster: %d responses, %d customer versions, %d triggers, %d requests at once at most%n",
                responses.size(), customerVersions.size(), triggers(logs).size(), cube.journal().maxInFlight(request -> true));
        assertEachTriggerOnceAndNoFailure(logs);
        assertTrue(cube.journal().maxInFlight(request -> true) <= MAX_AT_ONCE, "the account's limit, all instances together");
        assertEquals(0, once.exitCode(), once.output());
        assertEquals(3, triggersBefore.size(), triggersBefore.toString());
        assertEquals(triggersBefore, triggersAfter, "--once neither registers nor changes nor removes the cluster's triggers");
    }

    /** The cluster's triggers in the database: name, job and cron of each. */
    private List<String> clusterTriggers() throws Exception {
        List<String> triggers = new ArrayList<>();
        try (Connection admin = database.admin(); Statement sql = admin.createStatement();
             ResultSet rows = sql.executeQuery("SELECT t.trigger_group, t.trigger_name, t.job_name, c.cron_expression"
                     + " FROM cube.qrtz_triggers t JOIN cube.qrtz_cron_triggers c"
                     + " USING (sched_name, trigger_name, trigger_group) ORDER BY 1, 2")) {
            while (rows.next()) {
                triggers.add(rows.getString(1) + "/" + rows.getString(2) + " " + rows.getString(3) + " " + rows.getString(4));
            }
        }
        return triggers;
    }

    // The acceptance run, too long for the suite (mvn -B test -Dtest=ClusterTest -Dcube.soak.seconds=120):
    // two instances, the Kafka sink, a day filling up for the given time, one instance killed at a random moment and
    // restarted; every record in the topic exactly once, each trigger on one instance, no run failed.
    @Test
    @EnabledIfSystemProperty(named = "cube.soak.seconds", matches = "\\d+")
    void twoInstancesWithKafkaThroughAGrowingDay() throws Exception {
        int seconds = Integer.parseInt(System.getProperty("cube.soak.seconds"));
        int perDay = 3000;
        startCube(SimulatorSettings.builder().pageSize("responses", 50).responsesPerDay(perDay).latencyMillis(10).build());
        Files.writeString(Files.createDirectories(workDir.resolve("routes")).resolve("feeds.yaml"),
                FeedYaml.feed("cube-window-feed", "responses", Delivered.responsesPath(cube), "cron", "0/2 * * * * ?", "sink", "kafka",
                        "keyField", "crm_customer_id"));
        RunningApplication a = start(instance("a"));
        RunningApplication b = start(instance("b"));
        AtomicInteger soFar = growResponses(50, perDay, (int) Math.ceil(perDay / (seconds * 1000.0 / 300)));
        // a random moment of the first half: after a random number of the runs (one every two seconds) started
        int runs = 1 + new Random().nextInt(Math.max(1, seconds / 4));
        await().atMost(Patience.LONG).until(() -> runsStarted() >= runs);
        RunningApplication victim = new Random().nextBoolean() ? a : b;
        victim.close();
        start(instance(victim == a ? "a" : "b"));
        await().atMost(Patience.LONG).until(() -> soFar.get() == perDay);
        List<String> responses = Delivered.todaysResponses(cube);
        List<List<String>> read = new ArrayList<>();
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> {
            read.add(0, KafkaTestBroker.readValues(topicPrefix + "responses", perDay));
            return Set.copyOf(read.get(0)).containsAll(responses);
        });
        List<String> logs = new ArrayList<>();
        for (RunningApplication application : started) {
            application.close();
            logs.add(application.output());
        }
        System.out.printf("soak: %d s, %d responses, %d in the topic, %d triggers, %d requests at once at most%n", seconds,
                responses.size(), read.get(0).size(), triggers(logs).size(), cube.journal().maxInFlight(request -> true));
        Delivered.assertExactlyOnce(responses, read.get(0), "every response in the topic exactly once");
        assertEachTriggerOnceAndNoFailure(logs);
    }

    private static void assertEachTriggerOnceAndNoFailure(List<String> logs) {
        Map<String, Long> firedTwice = triggers(logs).entrySet().stream().filter(entry -> entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), firedTwice, "each trigger on one instance, but for runs taken over from a dead one");
        // a trigger may be skipped where an instance that stalled catches up on its missed fire times while its own run
        // of the feed holds the lease: the lease keeps them apart, and no record goes out twice (asserted above)
        for (String log : logs) {
            assertFalse(log.contains("run FAILED"), log);
        }
    }

    private Map<String, String> instance(String name) {
        Map<String, String> environment = environment(database, name);
        environment.put("CUBE_TOPIC_PREFIX", topicPrefix);
        environment.put("KAFKA_BROKERS", KafkaTestBroker.bootstrapServers());
        environment.put("CUBE_MAX_CONCURRENT_REQUESTS", Integer.toString(MAX_AT_ONCE));
        return environment;
    }

    /** How often each trigger (feed and scheduled fire time) started a run, over every instance's log. */
    private static Map<String, Long> triggers(List<String> logs) {
        Map<String, Long> counts = new HashMap<>();
        for (String log : logs) {
            Matcher started = TRIGGER.matcher(log);
            while (started.find()) {
                counts.merge(started.group(1) + " " + started.group(2), 1L, Long::sum);
            }
        }
        return counts;
    }
}
