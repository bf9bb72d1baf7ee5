package io.cubeintegration.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.spi.PropertiesComponent;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads the feed files before Camel does, so whatever would stop a feed's route from starting is refused first, by
 * {@code --validate}, at start-up and on reload alike, with the file, the feed and the parameter named: an unknown
 * template or parameter, a missing one, a route id that is not the feed id, a feed id used twice, a setting a feed
 * needs and nobody set, and every value that its template's declaration or the feed's own rules refuse
 * ({@link FeedDefinition#problems}, the very check each feed runs when Camel creates it).
 */
public final class FeedFileCheck {

    private static final Pattern MISSING_SETTING = Pattern.compile("Property with key \\[([^\\]]+)] not found");

    private final FeedTemplates templates;
    private final PropertiesComponent settings;

    private FeedFileCheck(FeedTemplates templates, PropertiesComponent settings) {
        this.templates = templates;
        this.settings = settings;
    }

    /**
     * The check for the templates this application ships.
     *
     * @param settings the settings as Camel resolves them, to fill in the placeholders ({@code {{cube.time-zone}}}) of
     *                 the feeds' values and the templates' defaults as Camel will
     */
    public static FeedFileCheck of(PropertiesComponent settings) {
        return new FeedFileCheck(FeedTemplates.shipped(), settings);
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

    /** Checks every file; returns one line per problem, each naming the file, the feed and the field. */
    public List<String> check(List<Path> files) {
        List<String> problems = new ArrayList<>();
        Map<String, Path> feeds = new HashMap<>();
        for (Path file : files) {
            Object document;
            try {
                document = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
            } catch (IOException e) {
                problems.add(file + ": cannot be read: " + e.getMessage());
                continue;
            } catch (RuntimeException e) {
                problems.add(file + ": is not valid YAML: " + e.getMessage().replace('\n', ' '));
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
                if (item instanceof Map<?, ?> entry && entry.get("templatedRoute") instanceof Map<?, ?> feed) {
                    checkFeed(file, feed, feeds, problems);
                }
            }
        }
        return problems;
    }

    private void checkFeed(Path file, Map<?, ?> feed, Map<String, Path> feeds, List<String> problems) {
        String routeId = String.valueOf(feed.get("routeId"));
        String where = file + ": feed " + routeId + ": ";
        String templateName = String.valueOf(feed.get("routeTemplateRef"));
        Optional<FeedKind> kind = FeedKind.ofTemplate(templateName);
        if (kind.isEmpty()) {
            problems.add(where + "routeTemplateRef '" + templateName + "' is not a template; use one of "
                    + templates.all().stream().map(FeedTemplates.Template::name).toList());
            return;
        }
        FeedTemplates.Template template = templates.template(templateName).orElseThrow();
        Map<String, String> values = new LinkedHashMap<>();
        Object parameters = feed.get("parameters");
        if (parameters instanceof List<?> list) {
            for (Object parameter : list) {
                if (parameter instanceof Map<?, ?> pair && pair.get("name") != null) {
                    String name = String.valueOf(pair.get("name"));
                    if (template.parameter(name).isEmpty()) {
                        problems.add(where + "parameter '" + name + "' is not a parameter of " + templateName + "; its parameters: "
                                + String.join(", ", template.parameters().stream().map(FeedTemplates.Parameter::name).toList()));
                    }
                    values.put(name, pair.get("value") == null ? "" : String.valueOf(pair.get("value")));
                } else {
                    problems.add(where + "each entry of parameters needs a name and a value");
                }
            }
        }
        List<String> missing = template.parameters().stream().filter(FeedTemplates.Parameter::required)
                .map(FeedTemplates.Parameter::name).filter(name -> !values.containsKey(name)).toList();
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
        // the values the feed will have: its own and the template's defaults, the settings filled in as Camel will
        Map<String, String> filled = new LinkedHashMap<>();
        for (FeedTemplates.Parameter parameter : template.parameters()) {
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
        if (filled.size() == template.parameters().size()) {
            FeedDefinition.problems(kind.get(), filled).forEach(problem -> problems.add(where + problem));
        }
    }
}
