package io.cubeintegration.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cubeintegration.broker.EmbeddedKafkaBroker;
import io.cubeintegration.cluster.ClusterConfiguration;
import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.cube.CubeClient;
import io.cubeintegration.cube.CubeClientConfiguration;
import io.cubeintegration.cube.CubeResponse;
import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.cube.SecretMask;
import io.cubeintegration.enrich.EnrichmentConfiguration;
import io.cubeintegration.feed.FeedConfiguration;
import io.cubeintegration.feed.FeedSpec;
import io.cubeintegration.feed.FeedPlanner;
import io.cubeintegration.feed.FeedSpecs;
import io.cubeintegration.feed.FeedFileCheck;
import io.cubeintegration.feed.FeedPlan;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedKamelets;
import io.cubeintegration.feed.FeedTrigger;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.observe.FeedHealth;
import io.cubeintegration.observe.ObserveConfiguration;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.sink.SinkConfiguration;
import io.cubeintegration.state.FeedLease;
import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.FeedStateStore;
import io.cubeintegration.state.FeedStates;
import io.cubeintegration.state.StateConfiguration;
import io.cubeintegration.state.StateDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: a Cube simulator on loopback (and with {@code --kafka} an embedded Kafka broker), the shipped
 * example feeds pointed at them by settings that override the configuration, running once at start-up and then on
 * their schedules (or once, with {@code --once}).
 */
final class Demo implements AutoCloseable {

    private final CubeSimulator simulator;
    private final EmbeddedKafkaBroker broker;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Demo(CubeSimulator simulator, EmbeddedKafkaBroker broker) {
        this.simulator = simulator;
        this.broker = broker;
    }

    /**
     * Starts what the command line asks for: nothing without {@code --demo} (nor {@code --kafka}).
     *
     * @throws NoClassDefFoundError when a build without the broker's jars is asked for {@code --kafka}
     */
    static Demo start(CommandLine commandLine) {
        CubeSimulator simulator = null;
        EmbeddedKafkaBroker broker = null;
        try {
            if (commandLine.demo()) {
                // its day follows the clock, as Cube's does: no record of today is stamped in the future
                simulator = CubeSimulator.start(SimulatorSettings.builder().clock(Clock.systemUTC()).campaignTurnover(true).build());
            }
            if (commandLine.kafka()) {
                broker = EmbeddedKafkaBroker.start(3);
            }
        } catch (RuntimeException | Error e) {
            if (simulator != null) {
                simulator.close();
            }
            throw e;
        }
        Demo demo = new Demo(simulator, broker);
        if (simulator != null) {
            demo.settings.putAll(settings(simulator));
        }
        if (broker != null) {
            demo.settings.putAll(kafkaSettings(broker, commandLine.once()));
        }
        return demo;
    }

    /** The settings that point the feeds at the simulator and the broker. */
    Map<String, String> settings() {
        return settings;
    }

    /** A file demo's last line: where its records and state are, and what a second run does. */
    static void ended(Settings settings) {
        System.out.println("Demo: the records are in " + Path.of(settings.value("cube.out-dir").orElseThrow().trim()).toAbsolutePath().normalize()
                + " (a folder per feed and campaign, a JSON Lines file per day); the feeds' state is in "
                + Path.of(settings.value("cube.state-dir").orElseThrow().trim()).toAbsolutePath().normalize()
                + ": run the same command again and only what the simulated Cube added meanwhile is written.");
    }

    /** The settings the demo makes that the environment sets too: the environment's values would win (Camel's rule). */
    static List<String> conflicts(CommandLine commandLine, Map<String, String> environment) {
        if (!commandLine.demo()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(List.of("cube.base-url", "cube.allow-http", "cube.auth-method", "cube.token",
                "cube.campaign-id", "cube.assignment-id"));
        if (commandLine.kafka()) {
            keys.addAll(List.of("kafka.brokers", "cube.sink"));
        }
        return keys.stream().map(Settings::variable).filter(environment::containsKey).toList();
    }

    /**
     * Sends every feed to its topic on an embedded broker, and says how to read them: while the demo runs on its
     * schedules with kcat; with {@code --once} the broker stops with the command, so there is nothing to point kcat at.
     */
    private static Map<String, String> kafkaSettings(EmbeddedKafkaBroker broker, boolean once) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.brokers", broker.bootstrapServers());
        settings.put("cube.sink", "kafka");
        if (once) {
            System.out.println("Demo: an embedded Kafka broker runs at " + broker.bootstrapServers() + " while this command runs;"
                    + " each example feed publishes to the topic cube.<feed id>. The broker stops with the command: to read the"
                    + " topics, run --demo --kafka without --once, which keeps it and prints a kcat line.");
        } else {
            System.out.println("Demo: an embedded Kafka broker runs at " + broker.bootstrapServers()
                    + "; each example feed publishes to the topic cube.<feed id>. Read one with:");
            System.out.println("  kcat -b " + broker.bootstrapServers() + " -t cube.responses -C -e -q -f '%k %h %s\\n'");
        }
        return settings;
    }

    /** Points the shipped example feeds at a bundled simulator: its URL, its demo credentials and its ids. */
    private static Map<String, String> settings(CubeSimulator simulator) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cube.base-url", simulator.baseUrl().toString());
        settings.put("cube.allow-http", "true");
        settings.put("cube.auth-method", "token");
        settings.put("cube.token", SimulatorSettings.builder().build().token());
        // every active campaign and assignment: the example feeds run partitioned, a folder (or header) per campaign
        settings.put("cube.campaign-id", "all");
        settings.put("cube.assignment-id", "all");
        // one round at once, then the schedules
        settings.put("cube.run-at-start", "true");
        // a new feed starts with yesterday, so the demo shows a whole day and today so far at any hour
        settings.put("cube.start-date", simulator.account().today().minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE));
        System.out.println("Demo: a Cube simulator runs at " + simulator.baseUrl() + "; the example feeds pull every active"
                + " campaign from it (CUBE_CAMPAIGN_ID=all: a folder per campaign), new feeds from yesterday on");
        return settings;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }
}
