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
import io.cubeintegration.feed.FeedDefinition;
import io.cubeintegration.feed.FeedDefinitions;
import io.cubeintegration.feed.FeedFileCheck;
import io.cubeintegration.feed.FeedPlan;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedTemplates;
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
 * Builds the Camel Main application from the command line: the settings, the route files, the bundled simulator for
 * {@code --demo}, and the run-once mode with its exit code.
 */
final class CubeIntegrationLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(CubeIntegrationLauncher.class);

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private CubeIntegrationLauncher() {
    }

    static int launch(String... args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("cube-integration: " + e.getMessage());
            System.err.println();
            System.err.print(CommandLine.USAGE);
            return USAGE;
        }
        if (commandLine.help()) {
            System.out.print(CommandLine.USAGE);
            return OK;
        }
        if (commandLine.helpFeeds()) {
            System.out.print(FeedTemplates.shipped().text());
            return OK;
        }
        List<String> conflicts = demoConflicts(commandLine, System.getenv());
        if (!conflicts.isEmpty()) {
            System.err.println("cube-integration: --demo points the feeds at its own simulator" + (commandLine.kafka() ? " and broker" : "")
                    + ", but the environment sets " + String.join(", ", conflicts) + ", which would win: unset them, or run without --demo");
            return USAGE;
        }
        CubeSimulator simulator = null;
        EmbeddedKafkaBroker broker = null;
        try {
            Map<String, String> overrides = new LinkedHashMap<>();
            if (commandLine.demo()) {
                // its day follows the clock, as Cube's does: no record of today is stamped in the future
                simulator = CubeSimulator.start(SimulatorSettings.builder().clock(Clock.systemUTC()).campaignTurnover(true).build());
                overrides.putAll(demoSettings(simulator));
            }
            if (commandLine.kafka()) {
                try {
                    broker = EmbeddedKafkaBroker.start(3);
                } catch (NoClassDefFoundError e) {
                    // the broker's jars are packaged by the demo profile only, never in the image
                    System.err.println("cube-integration: this build has no embedded Kafka broker for --demo --kafka: build with"
                            + " mvn -B -q -Pdemo package -DskipTests (missing: " + e.getMessage() + ")");
                    return USAGE;
                }
                overrides.putAll(demoKafkaSettings(broker, commandLine.once()));
            }
            return run(commandLine, overrides);
        } finally {
            if (broker != null) {
                broker.close();
            }
            if (simulator != null) {
                simulator.close();
            }
        }
    }

    /** The settings the demo makes that the environment sets too: the environment's values would win (Camel's rule). */
    static List<String> demoConflicts(CommandLine commandLine, Map<String, String> environment) {
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
    static Map<String, String> demoKafkaSettings(EmbeddedKafkaBroker broker, boolean once) {
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
    static Map<String, String> demoSettings(CubeSimulator simulator) {
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

    /** Creates the Camel Main application with the given settings on top of config and environment. */
    static Main createMain(Map<String, String> overrides) {
        Main main = new Main(CubeIntegrationApplication.class, ObserveConfiguration.class, CubeClientConfiguration.class,
                EnrichmentConfiguration.class, FeedConfiguration.class, SinkConfiguration.class, StateConfiguration.class,
                ClusterConfiguration.class);
        main.setDefaultPropertyPlaceholderLocation(Settings.locations(Settings.configFile()));
        Settings.componentOptions(System.getenv()).forEach(main::addOverrideProperty);
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new RouteFilesListener());
        return main;
    }

    private static int run(CommandLine commandLine, Map<String, String> overrides) {
        if (commandLine.once() || commandLine.resetWatermark() != null) {
            // once: the schedules must not fire beside the run we start ourselves, and nothing is there to watch for long
            overrides.put("camel.component.quartz.auto-start-scheduler", "false");
            overrides.put("camel.management.enabled", "false");
            // nobody scrapes a run that ends: the JVM's meters (memory, GC, threads) are not made at all
            overrides.put("camel.metrics.enabled", "false");
        }
        Main main = createMain(overrides);
        Settings settings = Settings.resolve(Settings.configFile(), overrides);
        // secrets from the settings file too, before a problem or a log line could quote one
        SecretMask.learn(key -> {
            try {
                return settings.value(key).orElse(null);
            } catch (IllegalArgumentException e) {
                return null;
            }
        });
        Refusal refusal = refusal(settings);
        if (refusal != null) {
            System.err.println("cube-integration: the " + refusal.what() + " have " + refusal.problems().size() + " problem(s):");
            refusal.problems().forEach(problem -> System.err.println("  " + problem));
            return FAILED;
        }
        List<String> warnings = feedFiles(settings).warnings();
        if (commandLine.validate()) {
            warnings.forEach(warning -> System.out.println("cube-integration: warning: " + warning));
            System.out.println("cube-integration: settings and feed files are valid"
                    + (warnings.isEmpty() ? "" : ", with " + warnings.size() + " warning(s)"));
            return OK;
        }
        warnings.forEach(warning -> LOG.warn("{}", warning));
        if (settings.value("camel.management.enabled").map(Boolean::parseBoolean).orElse(false)) {
            String authFile = settings.value("cube.management-auth-file").orElse("").trim();
            if (!authFile.isEmpty()) {
                main.addOverrideProperty("camel.management.authentication-enabled", "true");
                main.addOverrideProperty("camel.management.basic-properties-file", Path.of(authFile).toAbsolutePath().toString());
                main.addOverrideProperty("camel.management.authentication-path", settings.value("cube.management-auth-path").orElseThrow().trim());
            }
            Optional<String> unavailable = ManagementAddress.unavailable(settings.value("cube.management-host").orElseThrow().trim(),
                    Integer.parseInt(settings.value("cube.management-port").orElseThrow().trim()));
            if (unavailable.isPresent()) {
                System.err.println("cube-integration: " + unavailable.get());
                return FAILED;
            }
        }
        try {
            main.start();
        } catch (Exception e) {
            System.err.println("cube-integration: cannot start: " + withSettingHint(LogSafe.failure(rootOfStartup(e))));
            return FAILED;
        }
        CamelContext context = main.getCamelContext();
        try {
            StateDatabase database = context.getRegistry().lookupByNameAndType("stateDatabase", StateDatabase.class);
            if (database != null && (commandLine.once() || commandLine.resetWatermark() != null)) {
                // by hand, a state database out of reach is one clear error, not one per feed; on schedule the
                // application stays up, not ready, and the feeds run once it is back
                try {
                    database.migrate();
                } catch (IllegalStateException e) {
                    System.err.println("cube-integration: " + e.getMessage());
                    return FAILED;
                }
            }
            if (commandLine.resetWatermark() != null) {
                return resetWatermark(context, commandLine.feed(), FeedWindow.parseDate(commandLine.resetWatermark(), "--reset-watermark"));
            }
            String refused = credentialsRefused(context);
            context.getRegistry().lookupByNameAndType("feedHealth", FeedHealth.class).credentialsChecked(refused);
            if (refused != null) {
                System.err.println("cube-integration: " + refused);
                if (commandLine.once() || commandLine.demo()) {
                    return FAILED;
                }
                // on schedule the application stays up, not ready, saying why, so the orchestrator shows the reason
                LOG.error("Not ready: {} The feeds stay on their schedules and will fail until Cube accepts the credentials.", refused);
            }
            if (commandLine.once()) {
                int exit = runOnce(context, commandLine);
                if (commandLine.demo() && !commandLine.kafka()) {
                    System.out.println("Demo: the records are in " + Path.of(settings.value("cube.out-dir").orElseThrow().trim()).toAbsolutePath().normalize()
                            + " (a folder per feed and campaign, a JSON Lines file per day); the feeds' state is in "
                            + Path.of(settings.value("cube.state-dir").orElseThrow().trim()).toAbsolutePath().normalize()
                            + ": run the same command again and only what the simulated Cube added meanwhile is written.");
                }
                return exit;
            }
            if (settings.value("cube.run-at-start").map(value -> Boolean.parseBoolean(value.trim())).orElse(false)) {
                runOnce(context, commandLine);
            }
            StartupSummary.lines(context).forEach(LOG::info);
            LOG.info("Feeds on schedule. Stop with Ctrl+C.");
            main.run();
            return OK;
        } catch (Exception e) {
            System.err.println("cube-integration: " + LogSafe.failure(e));
            return FAILED;
        } finally {
            main.stop();
        }
    }

    /** What start-up and {@code --validate} refuse, and why: one line per problem. */
    record Refusal(String what, List<String> problems) {
    }

    /**
     * The one check of start-up and {@code --validate}, before Camel sees a setting or a feed file: the settings'
     * problems, or when the settings are sound, the feed files' (the settings fill in the feeds' placeholders).
     * Null when there is nothing to refuse.
     */
    static Refusal refusal(Settings settings) {
        List<String> settingsProblems = SettingsCheck.check(settings);
        if (!settingsProblems.isEmpty()) {
            return new Refusal("settings", settingsProblems);
        }
        List<String> feedProblems = feedFiles(settings).problems();
        return feedProblems.isEmpty() ? null : new Refusal("feed files", feedProblems);
    }

    /** What the check finds in the feed files CUBE_ROUTES names, read before Camel loads them. */
    private static FeedFileCheck.Findings feedFiles(Settings settings) {
        String routes = settings.value("cube.routes").orElseThrow();
        List<Path> files = FeedFileLocation.of(routes).files();
        if (files.isEmpty()) {
            return new FeedFileCheck.Findings(List.of("no feed files at " + routes + " (CUBE_ROUTES)"), List.of());
        }
        return FeedFileCheck.of(settings.properties()).examine(files);
    }

    /** One cheap request before any feed runs, so a bad token is one clear error rather than one per feed. */
    private static String credentialsRefused(CamelContext context) {
        CubeClient client = context.getRegistry().lookupByNameAndType("cubeClient", CubeClient.class);
        String campaignsPath = context.getPropertiesComponent().resolveProperty("cube.campaigns-path").orElseThrow();
        CubeResponse response;
        try {
            response = client.get(client.connection().resolve(campaignsPath, null));
        } catch (RuntimeException e) {
            LOG.warn("Could not check the Cube credentials: {}", LogSafe.failure(e));
            return null;
        }
        if (response.status() == 401 || response.status() == 403) {
            return "Cube refused the credentials (" + client.connection().authDescription() + "): HTTP "
                    + response.status() + " " + response.bodyExcerpt() + " for GET " + response.url()
                    + ". Check CUBE_TOKEN, or CUBE_USERNAME and CUBE_PASSWORD.";
        }
        if (response.isSuccess()) {
            try {
                // the list says which assignment each campaign belongs to: enrichment need not ask again
                context.getRegistry().lookupByNameAndType("campaignDirectory", CampaignDirectory.class).learn(response);
            } catch (RuntimeException e) {
                LOG.debug("The campaigns list of the credentials check is not one: {}", LogSafe.failure(e));
            }
        }
        return null;
    }

    /** Moves a feed's watermark back (or forward) in its state store, offline: Cube is not called. */
    private static int resetWatermark(CamelContext context, String feed, LocalDate day) {
        if (!FeedTrigger.feedIds(context).contains(feed)) {
            System.err.println("cube-integration: no feed '" + feed + "' is loaded; feeds: " + String.join(", ", FeedTrigger.feedIds(context)));
            return FAILED;
        }
        FeedStateStore store = context.getRegistry().lookupByNameAndType("feedStateStore", FeedStateStore.class);
        FeedDefinition definition = context.getRegistry().lookupByNameAndType("feedDefinitions", FeedDefinitions.class).find(feed)
                .orElse(null);
        // the feed's lease, so a run under way elsewhere finishes first and none starts until the states are saved
        try (FeedLease lease = store.lease(feed, FeedTrigger.leaseWait(context))) {
            // a feed over several campaigns moves each campaign's watermark
            List<String> keys = definition == null ? List.of(feed) : definition.watermarkStateKeys();
            if (keys.isEmpty()) {
                System.out.printf("cube-integration: feed %s: no campaign has run yet: nothing to reset%n", feed);
            }
            for (String key : keys) {
                FeedState state = FeedStates.load(store, key, feed);
                LocalDate before = state.watermark();
                int remembered = state.delivered().size();
                state.refetchFrom(day);
                store.save(key, state);
                System.out.printf("cube-integration: feed %s: watermark %s -> %s in %s; %d delivered record versions from %s on"
                                + " forgotten; its next run fetches %s to today%n", definition != null && definition.isPartitioned() ? key : feed,
                        before == null ? "none" : FeedWindow.CUBE_DATE.format(before), FeedWindow.CUBE_DATE.format(state.watermark()),
                        store.describe(), remembered - state.delivered().size(), FeedWindow.CUBE_DATE.format(day),
                        FeedWindow.CUBE_DATE.format(day));
            }
        } catch (IllegalStateException e) {
            System.err.println("cube-integration: " + e.getMessage());
            return FAILED;
        }
        return OK;
    }

    private static int runOnce(CamelContext context, CommandLine commandLine) {
        List<String> feeds = commandLine.feed() == null
                ? FeedTrigger.feedIds(context).stream().sorted().toList() : List.of(commandLine.feed());
        if (feeds.isEmpty()) {
            System.err.println("cube-integration: no feeds are declared in the route files");
            return FAILED;
        }
        List<String> failed = new ArrayList<>();
        long records = 0;
        int runs = 0;
        Duration running = Duration.ZERO;
        for (String feed : feeds) {
            try {
                // the trigger's wall time: a partitioned feed's campaigns run side by side
                Instant started = Instant.now();
                FeedPlan plan = FeedTrigger.runNow(context, feed, commandLine.from(), commandLine.to());
                running = running.plus(Duration.between(started, Instant.now()));
                for (FeedRun run : plan.runs()) {
                    runs++;
                    records += run.records();
                    if (!run.isSucceeded()) {
                        failed.add(run.feedId() + ": " + (run.failure() == null ? "failed" : LogSafe.failure(run.failure())));
                    }
                }
            } catch (IllegalArgumentException e) {
                failed.add(feed + ": " + LogSafe.failure(e));
            }
        }
        if (failed.isEmpty()) {
            // a window feed's trigger makes a run (and a file) per day: the count is of runs, as the log lines are
            System.out.printf(Locale.ROOT, "cube-integration: %d run(s) of %d feed(s) succeeded: %d records in %.3f s of runs%n",
                    runs, feeds.size(), records, running.toNanos() / 1e9);
            return OK;
        }
        System.err.println("cube-integration: " + failed.size() + " of " + feeds.size() + " feed(s) failed:");
        failed.forEach(line -> System.err.println("  " + line));
        return FAILED;
    }

    private static final Pattern MISSING_PROPERTY = Pattern.compile("Property with key \\[([^\\]]+)] not found");

    /** Says which environment variable sets a setting Camel could not find, e.g. CUBE_CAMPAIGN_ID. */
    static String withSettingHint(String message) {
        Matcher missing = MISSING_PROPERTY.matcher(message);
        if (!missing.find()) {
            return message;
        }
        String variable = missing.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return message + " (set " + variable + " in the environment, or " + missing.group(1) + " in config/application.properties)";
    }

    private static Throwable rootOfStartup(Throwable e) {
        // Camel wraps a bean's or route's own complaint in layers of context; the innermost message is the one to show
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? e : cause;
    }

    /** Loads the templates from the jar and the feeds from CUBE_ROUTES, a folder or a glob. */
    static final class RouteFilesListener extends MainListenerSupport {

        @Override
        public void beforeConfigure(BaseMainSupport main) {
            String routes = main.getCamelContext().getPropertiesComponent().resolveProperty("cube.routes").orElseThrow();
            main.configure().withRoutesIncludePattern(FeedTemplates.ROUTES + "," + FeedFileLocation.of(routes).camelPattern());
            boolean reload = main.getCamelContext().getPropertiesComponent().resolveProperty("cube.routes-reload")
                    .orElseThrow().trim().equalsIgnoreCase("true");
            if (reload) {
                LOG.info("Feed files at {} are reloaded when they change (cube.routes-reload)", routes);
                try {
                    main.getCamelContext().addService(new FeedFilesReload(routes));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot watch the feed files at " + routes + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
