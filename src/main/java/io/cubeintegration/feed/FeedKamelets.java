package io.cubeintegration.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.cubeintegration.cube.CubeConnection;
import org.quartz.CronExpression;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The feed kamelets as data, read from the kamelet files the application ships ({@code kamelets/*.kamelet.yaml}, which
 * Camel loads as route kamelets too): each kamelet's parameters with their type, format, range, default and
 * description, written there once. The feed files' check, the check each feed runs when Camel makes it and
 * {@code --help-feeds} all come from here, so they cannot disagree.
 */
public final class FeedKamelets {

    /** The kamelets the application ships, in this order. */
    private static final List<String> SHIPPED = List.of("cube-window-feed", "cube-snapshot-feed");
    /** Where the kamelets are in the jar. */
    private static final String FOLDER = "kamelets";
    /** Where Camel loads the product's routes from: the feed kamelets, then the shared run and sink routes. */
    public static final String ROUTES = "classpath:kamelets/*.kamelet.yaml,classpath:feed-routes/*.yaml";
    private static final FeedKamelets INSTANCE = read();
    /** The first day a feed may start from: Cube kept no activity before it. */
    static final LocalDate EARLIEST_START = LocalDate.of(2000, 1, 1);

    /** One parameter of a kamelet, as it declares it. */
    public record Parameter(String name, String title, String description, String type, String format, String defaultValue,
                            List<String> allowed, Long minimum, Long maximum, boolean required) {

        /** The type as docs/feeds.md and --help-feeds show it: integer, boolean, one of a list, or a string's format. */
        public String shownType() {
            if (!allowed.isEmpty()) {
                return String.join(" \\| ", allowed);
            }
            if (type.equals("integer")) {
                return minimum == null ? "integer" : maximum == null ? "integer ≥ " + minimum : "integer " + minimum + ".." + maximum;
            }
            return format == null ? type : format;
        }
    }

    /** A feed kamelet: its name, title, description and parameters. */
    public record Kamelet(String name, String title, String description, List<Parameter> parameters) {

        public Optional<Parameter> parameter(String name) {
            return parameters.stream().filter(parameter -> parameter.name().equals(name)).findFirst();
        }
    }

    private final Map<String, Kamelet> kamelets;

    private FeedKamelets(Map<String, Kamelet> kamelets) {
        this.kamelets = kamelets;
    }

    /** The kamelets this application ships. */
    public static FeedKamelets shipped() {
        return INSTANCE;
    }

    public Optional<Kamelet> kamelet(String name) {
        return Optional.ofNullable(kamelets.get(name));
    }

    public Collection<Kamelet> all() {
        return kamelets.values();
    }

    /**
     * What is wrong with one feed's values for a kamelet, one line per problem, each as
     * {@code parameter <name> '<value>' <reason>}. The values are the feed's with the kamelet's defaults applied and
     * every placeholder filled in; unknown and missing parameters are the feed file's business, not this check's.
     */
    public List<String> problems(String kamelet, Map<String, String> values) {
        List<String> problems = new ArrayList<>();
        Kamelet declared = kamelets.get(kamelet);
        if (declared == null) {
            return List.of("kamelet '" + kamelet + "' is not one of " + kamelets.keySet());
        }
        for (Parameter parameter : declared.parameters()) {
            String value = values.get(parameter.name());
            if (value == null) {
                continue;
            }
            String reason = reason(parameter, value);
            if (reason != null) {
                problems.add("parameter " + parameter.name() + " '" + value + "' " + reason);
            }
        }
        return problems;
    }

    /** Why a value does not fit its parameter, or null when it fits. An empty value of an optional parameter is unset. */
    static String reason(Parameter parameter, String value) {
        if (value.isBlank()) {
            // an empty value is unset, but where the kamelet's default is a value: there it is a mistake
            boolean defaulted = parameter.defaultValue() != null && !parameter.defaultValue().isEmpty();
            return parameter.required() || defaulted && parameter.format() != null && List.of("feed-id", "path", "cron", "time-zone",
                    "sink", "field", "customer-path").contains(parameter.format()) ? "is empty" : null;
        }
        if (!parameter.allowed().isEmpty() && !parameter.allowed().contains(value)) {
            return "must be one of " + String.join(", ", parameter.allowed());
        }
        switch (parameter.type()) {
            case "boolean":
                return value.equals("true") || value.equals("false") ? null : "must be true or false";
            case "integer":
                long number;
                try {
                    number = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return "must be a whole number";
                }
                if (parameter.minimum() != null && number < parameter.minimum()) {
                    return "must be " + parameter.minimum() + " or more";
                }
                if (parameter.maximum() != null && number > parameter.maximum()) {
                    return "must be at most " + parameter.maximum();
                }
                return null;
            default:
                return parameter.format() == null ? null : formatReason(parameter.format(), value);
        }
    }

    private static String formatReason(String format, String value) {
        switch (format) {
            case "feed-id":
                if (value.length() > FeedChecks.MAX_FEED_ID_LENGTH) {
                    return "is " + value.length() + " characters long: at most " + FeedChecks.MAX_FEED_ID_LENGTH
                            + " (it names the state files, the output folder and the Kafka topic)";
                }
                if (!value.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                    return "must be letters, digits, '.', '_' or '-' (it names the route, the output folder and the topic)";
                }
                if (FeedChecks.RESERVED_ROUTE_IDS.stream().anyMatch(reserved -> value.startsWith(reserved.replace("*", "")))) {
                    return "must not start with cube-feed-, cube-file- or cube-kafka-: those name the application's own routes";
                }
                return null;
            case "path": {
                String filled = value.replaceAll("\\{\\{[^}]*}}", "x");
                String problem = CubeConnection.pathProblem(filled);
                if (problem != null) {
                    return problem;
                }
                if (value.startsWith("/") || value.chars().anyMatch(Character::isWhitespace)) {
                    return "must be a path below the base URL, e.g. campaigns/926/responses/: no leading '/', no white space";
                }
                return null;
            }
            case "cron":
                try {
                    CronExpression.validateExpression(value);
                    return new CronExpression(value).getNextValidTimeAfter(new java.util.Date()) == null
                            ? "never fires again" : null;
                } catch (ParseException e) {
                    return "is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week,"
                            + " e.g. 0 0/15 * * * ?): " + e.getMessage();
                }
            case "time-zone":
                try {
                    ZoneId.of(value);
                    return null;
                } catch (DateTimeException e) {
                    return "is not a time zone id such as Europe/Oslo";
                }
            case "query":
                try {
                    CubeConnection.parseQuery(value);
                    return null;
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            case "sink":
                return FeedChecks.isSink(value) ? null : "is not a known sink: use file, kafka or kafka:<topic>";
            case "date":
                try {
                    LocalDate day = FeedWindow.parseDate(value, "date");
                    return day.isBefore(EARLIEST_START) ? "is before 20000101: Cube holds nothing that old" : null;
                } catch (IllegalArgumentException e) {
                    return "must be a date as YYYYMMDD, e.g. 20261101";
                }
            case "id-set":
                return FeedPartitions.problem(value, "");
            case "field":
                return value.matches("\\S+") ? null : "must be a field name, without white space";
            case "customer-path":
                if (!value.contains("{customer_id}")) {
                    return "must contain {customer_id}, e.g. assignments/{assignment_id}/customers/{customer_id}";
                }
                return formatReason("path", value.replace("{customer_id}", "1").replace("{assignment_id}", "1"));
            case "topic":
                return value.matches("[A-Za-z0-9._-]{1,249}") ? null : "is not a Kafka topic name (letters, digits, '.', '_', '-')";
            default:
                throw new IllegalStateException("a kamelet names the unknown format " + format);
        }
    }

    /** The parameters as a markdown table, as docs/feeds.md shows them: one row per parameter, per kamelet. */
    public String markdownTable() {
        Map<String, List<String>> kameletsOf = new LinkedHashMap<>();
        Map<String, Parameter> first = new LinkedHashMap<>();
        for (Kamelet kamelet : kamelets.values()) {
            for (Parameter parameter : kamelet.parameters()) {
                kameletsOf.computeIfAbsent(parameter.name(), name -> new ArrayList<>()).add(kamelet.name());
                first.putIfAbsent(parameter.name(), parameter);
            }
        }
        StringBuilder table = new StringBuilder("| parameter | type | default | kamelets | meaning |\n|---|---|---|---|---|\n");
        for (Parameter parameter : first.values()) {
            List<String> in = kameletsOf.get(parameter.name());
            table.append("| `").append(parameter.name()).append("` | ").append(parameter.shownType()).append(" | ")
                    .append(parameter.required() ? "(required)" : defaults(parameter.name())).append(" | ")
                    .append(in.size() == kamelets.size() ? "all" : String.join(", ", in)).append(" | ")
                    .append(parameter.description().replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")).append(" |\n");
        }
        return table.toString();
    }

    /** A parameter's default, or the defaults of each kamelet where they differ. */
    private String defaults(String name) {
        Map<String, String> byKamelet = new LinkedHashMap<>();
        for (Kamelet kamelet : kamelets.values()) {
            kamelet.parameter(name).ifPresent(parameter -> byKamelet.put(kamelet.name(), parameter.defaultValue()));
        }
        if (byKamelet.values().stream().distinct().count() == 1) {
            String value = byKamelet.values().iterator().next();
            return value.isEmpty() ? "(empty)" : "`" + value + "`";
        }
        List<String> each = new ArrayList<>();
        byKamelet.forEach((kameletName, value) -> each.add(kameletName.replace("cube-", "").replace("-feed", "") + " `" + value + "`"));
        return String.join(", ", each);
    }

    /** The parameters as plain text, for {@code --help-feeds}. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Kamelet kamelet : kamelets.values()) {
            text.append(kamelet.name()).append(": ").append(kamelet.title()).append('\n')
                    .append(wrap(kamelet.description(), "  ")).append('\n');
            for (Parameter parameter : kamelet.parameters()) {
                text.append("  ").append(parameter.name()).append(" (").append(parameter.shownType().replace(" \\| ", " | "))
                        .append(parameter.required() ? ", required" : ", default '" + parameter.defaultValue() + "'").append(")\n")
                        .append(wrap(parameter.description(), "      ")).append('\n');
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static String wrap(String text, String indent) {
        StringBuilder wrapped = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 110 && line.length() > indent.length()) {
                wrapped.append(line.toString().stripTrailing()).append('\n');
                line = new StringBuilder(indent);
            }
            line.append(word).append(' ');
        }
        return wrapped.append(line.toString().stripTrailing()).toString();
    }

    private static FeedKamelets read() {
        Map<String, Kamelet> kamelets = new LinkedHashMap<>();
        for (String name : SHIPPED) {
            Map<?, ?> kamelet = load(name + ".kamelet.yaml");
            Map<?, ?> definition = (Map<?, ?>) ((Map<?, ?>) kamelet.get("spec")).get("definition");
            List<?> required = (List<?>) definition.get("required");
            List<Parameter> parameters = new ArrayList<>();
            ((Map<?, ?>) definition.get("properties")).forEach((key, value) -> {
                Map<?, ?> property = (Map<?, ?>) value;
                parameters.add(new Parameter((String) key, (String) property.get("title"), (String) property.get("description"),
                        (String) property.get("type"), (String) property.get("format"),
                        property.containsKey("default") ? String.valueOf(property.get("default")) : null,
                        property.containsKey("enum") ? ((List<?>) property.get("enum")).stream().map(String::valueOf).toList() : List.of(),
                        number(property.get("minimum")), number(property.get("maximum")), required.contains(key)));
            });
            String metadataName = (String) ((Map<?, ?>) kamelet.get("metadata")).get("name");
            kamelets.put(metadataName, new Kamelet(metadataName, (String) definition.get("title"),
                    (String) definition.get("description"), List.copyOf(parameters)));
        }
        return new FeedKamelets(kamelets);
    }

    private static Map<?, ?> load(String file) {
        String resource = "/" + FOLDER + "/" + file;
        try (InputStream in = FeedKamelets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar holds no " + resource);
            }
            return (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static Long number(Object value) {
        return value == null ? null : Long.valueOf(String.valueOf(value).toLowerCase(Locale.ROOT));
    }
}
