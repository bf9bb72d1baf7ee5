package io.cubeintegration.feed;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.cubeintegration.cube.LogSafe;
import org.apache.camel.spi.PropertiesComponent;
import org.quartz.CronExpression;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads the feed files before Camel does, so whatever would stop a feed's route from starting is refused first, by
 * {@code --validate}, at start-up and on reload alike, with the file, the feed and the parameter named: an unknown
 * kamelet or parameter, a missing one, a route id that is not the feed id, a feed id used twice, a setting a feed
 * needs and nobody set, and every value that its kamelet's declaration or the feed's own rules refuse
 * ({@link FeedSpec#problems}, the very check each feed runs when Camel creates it).
 */
public final class FeedFileCheck {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern MISSING_SETTING = Pattern.compile("Property with key \\[([^\\]]+)] not found");

    private final FeedKamelets kamelets;
    private final PropertiesComponent settings;

    private FeedFileCheck(FeedKamelets kamelets, PropertiesComponent settings) {
        this.kamelets = kamelets;
        this.settings = settings;
    }

    /**
     * The check for the kamelets this application ships.
     *
     * @param settings the settings as Camel resolves them, to fill in the placeholders ({@code {{cube.time-zone}}}) of
     *                 the feeds' values and the kamelets' defaults as Camel will
     */
    public static FeedFileCheck of(PropertiesComponent settings) {
        return new FeedFileCheck(FeedKamelets.shipped(), settings);
    }

    /** The route ids a valid feed file declares, in order. */
    public static List<String> feedIds(Path file) throws IOException {
        return feedIds(Files.readString(file));
    }

    /** The route ids a valid feed file's content declares, in order. */
    public static List<String> feedIds(String yaml) {
        Object document = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        List<String> ids = new ArrayList<>();
        if (document instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> entry && entry.get("templatedRoute") instanceof Map<?, ?> feed) {
                    ids.add(String.valueOf(feed.get("routeId")));
                }
            }
        }
        return ids;
    }

    /** What the check found: problems refuse the files; warnings are said and let them run. */
    public record Findings(List<String> problems, List<String> warnings) {
    }

    /** Checks every file; returns one line per problem, each naming the file, the feed and the field. */
    public List<String> check(List<Path> files) {
        return examine(files).problems();
    }

    /** Checks every file; problems and warnings, one line each, naming the file, the feed and the field. */
    public Findings examine(List<Path> files) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Path> feeds = new HashMap<>();
        boolean customRoutes = settings.resolveProperty("cube.allow-custom-routes").orElseThrow().trim().equalsIgnoreCase("true");
        for (Path file : files) {
            Object document;
            try {
                document = new Load(LoadSettings.builder().build()).loadFromString(text(file));
            } catch (IOException e) {
                problems.add(file + ": cannot be read: " + LogSafe.text(e.getMessage()));
                continue;
            } catch (RuntimeException e) {
                problems.add(file + ": is not valid YAML: " + LogSafe.line(e.getMessage()));
                continue;
            }
            if (document == null) {
                continue;
            }
            if (!(document instanceof List<?> items)) {
                problems.add(file + ": must be a YAML list of templatedRoute entries");
                continue;
            }
            for (Object item : items) {
                if (item instanceof Map<?, ?> entry && entry.size() == 1 && entry.get("templatedRoute") instanceof Map<?, ?> feed) {
                    checkFeed(file, feed, feeds, problems, warnings);
                } else if (!customRoutes) {
                    // any other entry is Camel code that would run with the application's credentials
                    String what = item instanceof Map<?, ?> entry && !entry.isEmpty() ? "a '" + LogSafe.text(String.valueOf(entry.keySet().iterator().next())) + "' entry"
                            : "an entry that is not a templatedRoute";
                    problems.add(file + ": holds " + what + ": feed files declare only templatedRoute entries of "
                            + kamelets.all().stream().map(FeedKamelets.Kamelet::name).toList() + "; other Camel routes run"
                            + " with the application's credentials and are refused unless CUBE_ALLOW_CUSTOM_ROUTES=true");
                }
            }
        }
        return new Findings(problems, warnings);
    }

    /** The file as text: UTF-8, or a problem that says which byte is not and what to do. */
    private static String text(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF) || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new IOException("it is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            long line = 1 + IntStream.range(0, at).filter(i -> bytes[i] == '\n').count();
            throw new IOException(String.format("it is not UTF-8: byte 0x%02X on line %d (saved as Latin-1 or"
                    + " Windows-1252?); save it as UTF-8", bytes[at] & 0xff, line));
        }
        return out.flip().toString();
    }

    private void checkFeed(Path file, Map<?, ?> feed, Map<String, Path> feeds, List<String> problems, List<String> warnings) {
        String routeId = String.valueOf(feed.get("routeId"));
        String where = file + ": feed " + routeId + ": ";
        String kameletName = String.valueOf(feed.get("routeTemplateRef"));
        Optional<FeedKamelet> kind = FeedKamelet.ofName(kameletName);
        if (kind.isEmpty()) {
            problems.add(where + "routeTemplateRef '" + kameletName + "' is not a feed kamelet; use one of "
                    + kamelets.all().stream().map(FeedKamelets.Kamelet::name).toList());
            return;
        }
        FeedKamelets.Kamelet kamelet = kamelets.kamelet(kameletName).orElseThrow();
        Map<String, String> values = new LinkedHashMap<>();
        Object parameters = feed.get("parameters");
        if (parameters instanceof List<?> list) {
            for (Object parameter : list) {
                if (parameter instanceof Map<?, ?> pair && pair.get("name") != null) {
                    String name = String.valueOf(pair.get("name"));
                    if (kamelet.parameter(name).isEmpty()) {
                        problems.add(where + "parameter '" + name + "' is not a parameter of " + kameletName + "; its parameters: "
                                + String.join(", ", kamelet.parameters().stream().map(FeedKamelets.Parameter::name).toList()));
                    }
                    String value = pair.get("value") == null ? "" : String.valueOf(pair.get("value"));
                    String unsafe = unsafeValue(value);
                    if (unsafe != null) {
                        problems.add(where + "parameter " + name + " " + unsafe);
                    }
                    values.put(name, value);
                } else {
                    problems.add(where + "each entry of parameters needs a name and a value");
                }
            }
        }
        List<String> missing = kamelet.parameters().stream().filter(FeedKamelets.Parameter::required)
                .map(FeedKamelets.Parameter::name).filter(name -> !values.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            problems.add(where + "parameter " + String.join(", ", missing) + " is missing");
            return;
        }
        String feedId = values.get("feedId");
        if (!feedId.equals(routeId)) {
            problems.add(where + "routeId must be the feed id '" + feedId + "' (the command line and the logs know the feed by it)");
        }
        Path other = feeds.putIfAbsent(feedId, file);
        if (other != null) {
            problems.add(where + "feedId '" + feedId + "' is declared in " + other + " already");
        }
        // the values the feed will have: its own and the kamelet's defaults, the settings filled in as Camel will
        Map<String, String> filled = new LinkedHashMap<>();
        for (FeedKamelets.Parameter parameter : kamelet.parameters()) {
            String value = values.containsKey(parameter.name()) ? values.get(parameter.name()) : parameter.defaultValue();
            try {
                filled.put(parameter.name(), value.contains("{{") ? settings.parseUri(value) : value);
            } catch (IllegalArgumentException e) {
                Matcher missingSetting = MISSING_SETTING.matcher(String.valueOf(e.getMessage()));
                problems.add(where + "parameter " + parameter.name() + " '" + value + "' "
                        + (missingSetting.find() ? "needs the setting " + missingSetting.group(1) + " ("
                                + missingSetting.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + "), which is not set"
                                : "cannot be filled in: " + e.getMessage()));
            }
        }
        if (filled.size() == kamelet.parameters().size()) {
            filled.put(FeedChecks.TOPIC_PREFIX_VALUE, settings.resolveProperty(FeedChecks.TOPIC_PREFIX_VALUE).orElse("").trim());
            List<String> refused = FeedChecks.problems(kind.get(), filled);
            refused.forEach(problem -> problems.add(where + problem));
            if (refused.isEmpty()) {
                warnings(kind.get(), filled).forEach(warning -> warnings.add(where + warning));
            }
        }
    }

    /**
     * Why a feed value could make Camel do more than take it as a value, or null: a placeholder of anything but a
     * {@code cube.*} setting that holds no secret (an {@code {{env:CUBE_TOKEN}}} would put the token in a URL and its
     * log lines), a {@code #bean:}/{@code #class:} reference Camel's property binding would act on, or Camel's
     * {@code ${...}} expressions.
     */
    static String unsafeValue(String value) {
        Matcher placeholder = PLACEHOLDER.matcher(value);
        while (placeholder.find()) {
            String key = placeholder.group(1).trim();
            if (!key.matches("cube\\.[a-z0-9.-]+") || key.matches(".*(token|password|secret|jaas).*")) {
                return "uses the placeholder {{" + LogSafe.text(key) + "}}: feed values may name only cube.* settings that"
                        + " hold no secret";
            }
        }
        if (value.trim().startsWith("#") || value.contains("${")) {
            return "'" + LogSafe.text(value) + "' would be read by Camel as a reference or an expression, not as a value";
        }
        return null;
    }

    /** What a valid feed does that an operator may not have meant: fire every few seconds, or begin years back. */
    private List<String> warnings(FeedKamelet kind, Map<String, String> values) {
        List<String> warnings = new ArrayList<>();
        try {
            CronExpression cron = new CronExpression(values.get("cron"));
            cron.setTimeZone(TimeZone.getTimeZone(ZoneId.of(values.get("timeZone"))));
            Date first = cron.getNextValidTimeAfter(new Date());
            Date second = first == null ? null : cron.getNextValidTimeAfter(first);
            if (second != null && second.getTime() - first.getTime() < 60_000) {
                warnings.add("cron '" + values.get("cron") + "' fires every " + (second.getTime() - first.getTime()) / 1000
                        + " s: more than once a minute asks Cube again before it has anything new");
            }
        } catch (ParseException e) {
            // refused by the check already
        }
        String startDate = values.getOrDefault("startDate", "");
        if (kind == FeedKamelet.WINDOW && !startDate.isBlank()) {
            long days = ChronoUnit.DAYS.between(FeedWindow.parseDate(startDate, "startDate"), LocalDate.now(ZoneId.of(values.get("timeZone"))));
            long warnAbove = Long.parseLong(settings.resolveProperty("cube.catch-up-warning-days").orElseThrow().trim());
            if (days > warnAbove) {
                warnings.add("startDate " + startDate + " makes its first run fetch " + days + " days, one request or more a"
                        + " day (more than cube.catch-up-warning-days, " + warnAbove + ")");
            }
        }
        return warnings;
    }
}
