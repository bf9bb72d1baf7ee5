package io.cubeintegration.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.cube.SecretMask;
import io.cubeintegration.feed.FeedKamelets;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.observe.FeedHealth;
import io.cubeintegration.state.StateDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
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
            System.out.print(FeedKamelets.shipped().text());
            return OK;
        }
        List<String> conflicts = Demo.conflicts(commandLine, System.getenv());
        if (!conflicts.isEmpty()) {
            System.err.println("cube-integration: --demo points the feeds at its own simulator" + (commandLine.kafka() ? " and broker" : "")
                    + ", but the environment sets " + String.join(", ", conflicts) + ", which would win: unset them, or run without --demo");
            return USAGE;
        }
        Demo demo;
        try {
            demo = Demo.start(commandLine);
        } catch (IllegalStateException | NoClassDefFoundError e) {
            System.err.println("cube-integration: --demo: " + e.getMessage());
            return USAGE;
        }
        try (demo) {
            return run(commandLine, new LinkedHashMap<>(demo.settings()));
        }
    }

    /** Creates the Camel Main application with the given settings on top of config and environment. */
    static Main createMain(Map<String, String> overrides) {
        Main main = new Main(CubeIntegrationApplication.class, CubeIntegrationApplication.CONFIGURATIONS.toArray(Class[]::new));
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
        StartupCheck.Refusal refusal = StartupCheck.refusal(settings);
        if (refusal != null) {
            System.err.println("cube-integration: the " + refusal.what() + " have " + refusal.problems().size() + " problem(s):");
            refusal.problems().forEach(problem -> System.err.println("  " + problem));
            return FAILED;
        }
        List<String> warnings = StartupCheck.feedFiles(settings).warnings();
        if (commandLine.validate()) {
            // --validate: what start-up would refuse was refused above; the warnings are said, nothing starts
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
                return ResetWatermarkCommand.run(context, commandLine.feed(), FeedWindow.parseDate(commandLine.resetWatermark(), "--reset-watermark"));
            }
            String refused = CredentialsCheck.refused(context);
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
                int exit = OnceCommand.run(context, commandLine);
                if (commandLine.demo() && !commandLine.kafka()) {
                    Demo.ended(settings);
                }
                return exit;
            }
            if (settings.value("cube.run-at-start").map(value -> Boolean.parseBoolean(value.trim())).orElse(false)) {
                OnceCommand.run(context, commandLine);
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
}
