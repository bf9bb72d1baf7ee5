package io.cubeintegration.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.cubeintegration.cube.CubeConnection;
import io.cubeintegration.feed.FeedChecks;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.state.StateDatabase;

/**
 * Checks the settings offline, before Camel starts and without calling Cube, on the values Camel resolves
 * ({@link Settings}): start-up and {@code --validate} run this same check. Each problem names the setting, its
 * environment variable, and where its value came from (the environment, the settings file, the defaults, the
 * command line). Secret values are never shown, only whether they are set.
 */
final class SettingsCheck {

    private final Settings settings;
    private final java.util.Set<String> problems = new java.util.LinkedHashSet<>();

    private SettingsCheck(Settings settings) {
        this.settings = settings;
    }

    static List<String> check(Settings settings) {
        SettingsCheck check = new SettingsCheck(settings);
        check.run();
        return List.copyOf(check.problems);
    }

    private void run() {
        // the connection's own checks, as the application makes them at start: URL, scheme, credentials
        String baseUrl = value("cube.base-url");
        try {
            CubeConnection.of(baseUrl, bool("cube.allow-http"), value("cube.auth-method"), value("cube.token"),
                    value("cube.username"), value("cube.password"));
        } catch (IllegalArgumentException e) {
            problems.add(source("cube.base-url") + ": " + e.getMessage());
        }
        String truststore = value("cube.truststore").trim();
        if (!truststore.isEmpty() && !Files.isReadable(Path.of(truststore))) {
            problem("cube.truststore", truststore + " is not a readable file");
        }
        String sink = value("cube.sink").trim();
        if (!FeedChecks.isSink(sink)) {
            problem("cube.sink", "'" + sink + "' is not a known sink: use file, kafka or kafka:<topic>");
        }
        if (!value("cube.topic-prefix").trim().matches("[A-Za-z0-9._-]*")) {
            problem("cube.topic-prefix", "'" + value("cube.topic-prefix") + "' may hold only letters, digits, '.', '_' and '-' (it starts Kafka topic names)");
        }
        String store = value("cube.state-store").trim();
        if (!store.equals("file") && !store.equals("jdbc")) {
            problem("cube.state-store", "'" + store + "' is not file or jdbc");
        } else if (store.equals("jdbc") && value("cube.state-jdbc.url").isBlank()) {
            problem("cube.state-jdbc.url", "is not set, and cube.state-store is jdbc");
        } else if (store.equals("jdbc")) {
            // the database's own rules, as the application applies them at start
            try {
                StateDatabase.check(value("cube.state-jdbc.url").trim(), value("cube.state-jdbc.schema").trim(),
                        Integer.parseInt(value("cube.state-jdbc.pool-size").trim()));
            } catch (NumberFormatException e) {
                problem("cube.state-jdbc.pool-size", "'" + value("cube.state-jdbc.pool-size") + "' is not a whole number");
            } catch (IllegalArgumentException e) {
                problems.add(source("cube.state-jdbc.url") + ": " + e.getMessage());
            }
        }
        number("cube.lease-wait", 0, Integer.MAX_VALUE);
        number("cube.cluster.checkin-interval", 1000, Integer.MAX_VALUE);
        String zone = value("cube.time-zone").trim();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            problem("cube.time-zone", "'" + zone + "' is not a time zone, e.g. Europe/Oslo");
        }
        String startDate = value("cube.start-date").trim();
        if (!startDate.isEmpty()) {
            try {
                LocalDate.parse(startDate, FeedWindow.CUBE_DATE);
            } catch (DateTimeException e) {
                problem("cube.start-date", "'" + startDate + "' is not a day as YYYYMMDD");
            }
        }
        for (String key : List.of("cube.max-concurrent-requests", "cube.prefetch-pages", "cube.lookup-concurrency", "cube.partition-concurrency",
                "cube.kafka-pages-ahead",
                "cube.retry.max-attempts", "cube.health.failed-runs-before-down", "cube.request-timeout", "cube.max-answer-mb",
                "cube.max-pages-per-run", "cube.run-timeout", "cube.retry.max-elapsed")) {
            number(key, 1, Integer.MAX_VALUE);
        }
        for (String key : List.of("cube.lookback-days", "cube.retry.initial-delay", "cube.retry.max-delay",
                "cube.retry.max-retry-after", "cube.progress-every-pages")) {
            number(key, 0, Integer.MAX_VALUE);
        }
        number("cube.management-port", 0, 65535);
        String managementHost = value("cube.management-host").trim();
        if (!managementHost.matches("[A-Za-z0-9.:\\-]+")) {
            problem("cube.management-host", "'" + managementHost + "' is not a host name or address: 0.0.0.0 listens on"
                    + " every interface, 127.0.0.1 on this machine only");
        }
        String authFile = value("cube.management-auth-file").trim();
        if (!authFile.isEmpty()) {
            Path users = Path.of(authFile);
            if (!Files.isReadable(users)) {
                problem("cube.management-auth-file", authFile + " is not a readable file");
            } else {
                try {
                    List<String> lines = Files.readAllLines(users).stream().map(String::trim)
                            .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
                    if (lines.stream().noneMatch(line -> line.matches("user\\.[^=\\s]+\\s*=\\s*[^,\\s][^,]*(,.*)?"))) {
                        problem("cube.management-auth-file", authFile + " names no user: write lines of user.<name> = <password>,<role>");
                    }
                } catch (IOException e) {
                    problem("cube.management-auth-file", authFile + " cannot be read: " + e.getMessage());
                }
            }
        }
        if (!value("cube.management-auth-path").trim().startsWith("/")) {
            problem("cube.management-auth-path", "'" + value("cube.management-auth-path") + "' is not a path such as /* or /observe/metrics");
        }
        String perSecond = value("cube.max-requests-per-second").trim();
        if (!perSecond.isEmpty()) {
            try {
                if (Double.parseDouble(perSecond) < 0) {
                    problem("cube.max-requests-per-second", "is " + perSecond + "; use 0 for no limit, or more");
                }
            } catch (NumberFormatException e) {
                problem("cube.max-requests-per-second", "'" + perSecond + "' is not a number");
            }
        }
        // one id, ids separated by commas, or all: the feeds' campaigns and assignments parameters take these
        for (String key : List.of("cube.campaign-id", "cube.assignment-id")) {
            String problem = FeedChecks.idSetProblem(value(key));
            if (!value(key).isBlank() && problem != null) {
                problem(key, "'" + value(key) + "' " + problem);
            }
        }
        try {
            io.cubeintegration.cube.ReconcileInterval.parse(value("cube.reconcile-interval"));
        } catch (IllegalArgumentException e) {
            problem("cube.reconcile-interval", "'" + value("cube.reconcile-interval").trim() + "' is not a duration such as 1h, 15m, 90s or 0");
        }
        bool("cube.routes-reload");
        bool("cube.run-at-start");
        bool("cube.allow-custom-routes");
        number("cube.catch-up-warning-days", 0, Integer.MAX_VALUE);
        String logFormat = System.getenv().getOrDefault("CUBE_LOG_FORMAT", "text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            problems.add("the environment: CUBE_LOG_FORMAT '" + logFormat + "' is not text or json");
        }
    }

    private void number(String key, long least, long most) {
        String text = value(key).trim();
        if (text.isEmpty()) {
            return;
        }
        try {
            long number = Long.parseLong(text);
            if (number < least || number > most) {
                problem(key, "is " + number + ", outside " + least + ".." + most);
            }
        } catch (NumberFormatException e) {
            problem(key, "'" + text + "' is not a whole number");
        }
    }

    private boolean bool(String key) {
        String text = value(key).trim().toLowerCase(Locale.ROOT);
        if (!text.isEmpty() && !text.equals("true") && !text.equals("false")) {
            problem(key, "'" + text + "' is not true or false");
        }
        return text.equals("true");
    }

    /** The resolved value, empty when unset; a placeholder that names no setting is a problem of its own. */
    private String value(String key) {
        try {
            return settings.value(key).orElse("");
        } catch (IllegalArgumentException e) {
            problem(key, "cannot be resolved: " + e.getMessage());
            return "";
        }
    }

    private void problem(String key, String complaint) {
        problems.add(source(key) + ": " + key + " (" + Settings.variable(key) + ") " + complaint);
    }

    private String source(String key) {
        return settings.source(key);
    }
}
