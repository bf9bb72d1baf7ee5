package io.cubeintegration.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cli.RunningApplication;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.sink.KafkaTestBroker;
import io.cubeintegration.state.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
class ClusterTest {

    private static final int PAGE = 20;
    private static final int PER_DAY = 300;
    private static final int MAX_AT_ONCE = 4;
    /** A run a trigger started on its schedule; a run started again for an instance that died is marked "recovering". */
    private static final Pattern TRIGGER = Pattern.compile("feed (\\S+): run started, trigger (\\S+?)(?:, window |: GET )");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatorSettings settings = SimulatorSettings.builder().pageSize("responses", PAGE).responsesPerDay(PER_DAY)
            .customersPerAssignment(200).pageSize("customers", 50).latencyMillis(10).build();
    private final CubeSimulator cube = CubeSimulator.start(settings);
    private final TestPostgres.Database database = TestPostgres.newDatabase();
    private final String topicPrefix = "cluster" + System.nanoTime() + ".";
    private final List<RunningApplication> started = new ArrayList<>();
    private final ScheduledExecutorService growth = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path workDir;

    @AfterEach
    void stopEverything() throws Exception {
        growth.shutdownNow();
        for (RunningApplication application : started) {
            application.close();
            // into the test's report: what each instance said, for a failure's post-mortem
            System.out.println("=== instance log\n" + application.output());
        }
        cube.close();
    }

    // However the instances come and go, every record reaches the files and the topic exactly once (a file run
    // committed by a killed instance is completed by another; a page a killed instance was publishing is read back);
    // each trigger fires on one instance, no run fails on a lost race, and the instances together never ask Cube
    // more than the account's limit at once.
    @Test
    void threeInstancesDeliverEveryRecordOnceThroughKillsAndRestarts() throws Exception {
        String campaign = "campaigns/" + cube.account().defaultCampaignId() + "/responses/";
        String customers = "assignments/" + cube.account().defaultAssignmentId() + "/customers/";
        Path routes = Files.createDirectories(workDir.resolve("routes"));
        String everyTwoSeconds = "0/2 * * * * ?";
        Files.writeString(routes.resolve("feeds.yaml"),
                FeedYaml.feed("cube-window-feed", "responses-files", campaign, "cron", everyTwoSeconds, "sink", "file")
                + FeedYaml.feed("cube-window-feed", "responses-kafka", campaign, "cron", everyTwoSeconds, "sink", "kafka",
                        "keyField", "crm_customer_id")
                + FeedYaml.feed("cube-snapshot-feed", "customers", customers, "cron", everyTwoSeconds, "sink", "file"));
        AtomicInteger soFar = new AtomicInteger(PAGE);
        cube.account().responsesSoFarToday(soFar.get());
        Set<String> customerVersions = new TreeSet<>(lines(cube.account().records(customers, Map.of())));

        // c, alone at first, stops for good right after the state save of its first file run, before the rename,
        // holding the feed's lease; killed there: the committed part file must be completed by whichever instance
        // runs the feed next
        RunningApplication c = start("c", "-Dcube.crash-test.pause=after-state:responses-files");
        await().atMost(Duration.ofSeconds(60)).until(() -> c.output().contains("paused at after-state"));
        c.close();
        RunningApplication a = start("a");
        start("b");
        await().atMost(Duration.ofSeconds(60)).until(() -> okRuns("customers") >= 1 && okRuns("responses-files") >= 1);
        growth.scheduleWithFixedDelay(() -> cube.account().responsesSoFarToday(soFar.updateAndGet(n -> Math.min(PER_DAY, n + 10))),
                0, 300, TimeUnit.MILLISECONDS);
        cube.account().revise();
        customerVersions.addAll(lines(cube.account().records(customers, Map.of())));
        start("c");

        // a is killed at a random moment (after a random number of further runs started), and comes back
        long runsBefore = runsStarted();
        int further = 1 + new Random().nextInt(6);
        await().atMost(Duration.ofSeconds(60)).until(() -> runsStarted() >= runsBefore + further);
        a.close();
        start("a");

        await().atMost(Duration.ofSeconds(30)).until(() -> soFar.get() == PER_DAY);
        Map<String, String> day = new LinkedHashMap<>();
        day.put("from_date", FeedWindow.CUBE_DATE.format(cube.account().today()));
        day.put("to_date", FeedWindow.CUBE_DATE.format(cube.account().today()));
        List<String> responses = lines(cube.account().records(campaign, day));
        assertEquals(PER_DAY, responses.size());
        await().atMost(Duration.ofSeconds(90)).until(() -> Set.copyOf(fileLines("responses-files")).containsAll(responses)
                && Set.copyOf(fileLines("customers")).containsAll(customerVersions));
        List<List<String>> read = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            read.add(0, KafkaTestBroker.readAll(topicPrefix + "responses-kafka", PER_DAY).stream()
                    .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList());
            return Set.copyOf(read.get(0)).containsAll(responses);
        });
        List<String> topic = read.get(0);
        for (RunningApplication application : started) {
            application.close();
        }

        List<String> logs = new ArrayList<>();
        for (RunningApplication application : started) {
            logs.add(application.output());
        }
        assertEquals(sorted(responses), sorted(fileLines("responses-files")), "every response in the files exactly once");
        assertEquals(sorted(customerVersions), sorted(fileLines("customers")), "every customer version exactly once");
        assertEquals(Set.copyOf(responses), Set.copyOf(topic), "every response in the topic");
        int kafkaDuplicates = topic.size() - Set.copyOf(topic).size();
        System.out.printf("cluster: %d responses, %d customer versions, %d Kafka duplicates, %d triggers, %d requests at once at most%n",
                responses.size(), customerVersions.size(), kafkaDuplicates, triggers(logs).size(),
                cube.journal().maxInFlight(request -> true));
        assertEquals(0, kafkaDuplicates, "every response in the topic exactly once");
        Map<String, Long> firedTwice = triggers(logs).entrySet().stream().filter(entry -> entry.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), firedTwice, "each trigger on one instance, but for runs taken over from a dead one");
        for (String log : logs) {
            assertFalse(log.contains("run FAILED"), log);
            assertFalse(log.contains("trigger skipped"), log);
        }
        assertTrue(cube.journal().maxInFlight(request -> true) <= MAX_AT_ONCE, "the account's limit, all instances together");
    }

    private RunningApplication start(String name, String... jvmOptions) throws IOException {
        Map<String, String> environment = new HashMap<>(database.environment());
        environment.put("CUBE_BASE_URL", cube.baseUrl().toString());
        environment.put("CUBE_ALLOW_HTTP", "true");
        environment.put("CUBE_TOKEN", settings.token());
        environment.put("CUBE_ROUTES", workDir.resolve("routes").toString());
        // one output folder that every instance mounts, as a cluster's file sink needs
        environment.put("CUBE_OUT_DIR", workDir.resolve("out").toString());
        environment.put("CUBE_STATE_DIR", workDir.resolve("data-" + name).toString());
        environment.put("CUBE_LOOKBACK_DAYS", "0");
        environment.put("CUBE_TOPIC_PREFIX", topicPrefix);
        environment.put("KAFKA_BROKERS", KafkaTestBroker.bootstrapServers());
        environment.put("CUBE_MAX_CONCURRENT_REQUESTS", Integer.toString(MAX_AT_ONCE));
        environment.put("CUBE_CLUSTER_CHECKIN_INTERVAL", "1000");
        RunningApplication application = RunningApplication.start(workDir, environment, List.of(jvmOptions));
        started.add(application);
        return application;
    }

    /** Successful runs of a feed, all live instances together. */
    private long okRuns(String feed) {
        long runs = 0;
        for (RunningApplication application : started) {
            if (application.isAlive()) {
                try {
                    runs += application.runs(feed, "ok");
                } catch (RuntimeException | AssertionError notUpYet) {
                    // its management server is not up yet
                }
            }
        }
        return runs;
    }

    /** Runs started so far, every instance's log together. */
    private long runsStarted() throws IOException {
        long runs = 0;
        for (RunningApplication application : started) {
            runs += application.output().lines().filter(line -> line.contains(": run started")).count();
        }
        return runs;
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

    private List<String> fileLines(String feed) throws IOException {
        Path folder = workDir.resolve("out").resolve(feed);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".jsonl")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static List<String> lines(List<ObjectNode> records) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ObjectNode record : records) {
            lines.add(JSON.writeValueAsString(record));
        }
        return lines;
    }

    private static List<String> sorted(java.util.Collection<String> lines) {
        return lines.stream().sorted().toList();
    }
}
