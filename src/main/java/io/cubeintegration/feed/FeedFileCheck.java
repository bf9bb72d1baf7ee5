package io.cubeintegration.feed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.quartz.CronExpression;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads the feed files before Camel does, so a typo is refused at start-up with the file and the field named: an
 * unknown template or parameter, a missing one, a route id that is not the feed id, a bad cron, an unknown sink,
 * a feed id used twice. Camel's own checks stay behind it for anything this misses.
 */
public final class FeedFileCheck {

    private static final String TEMPLATES = "/templates/cube-feed-templates.yaml";

    /** Each template's parameters, and whether each is required (has no default). */
    private final Map<String, Map<String, Boolean>> templates;

    private FeedFileCheck(Map<String, Map<String, Boolean>> templates) {
        this.templates = templates;
    }

    /** The check for the templates this application ships. */
    public static FeedFileCheck ofShippedTemplates() {
        try (InputStream in = FeedFileCheck.class.getResourceAsStream(TEMPLATES)) {
            Map<String, Map<String, Boolean>> templates = new LinkedHashMap<>();
            for (Object item : (List<?>) new Load(LoadSettings.builder().build()).loadFromInputStream(in)) {
                Map<?, ?> template = (Map<?, ?>) ((Map<?, ?>) item).get("routeTemplate");
                Map<String, Boolean> parameters = new LinkedHashMap<>();
                for (Object parameter : (List<?>) template.get("parameters")) {
                    Map<?, ?> declared = (Map<?, ?>) parameter;
                    parameters.put((String) declared.get("name"), !declared.containsKey("defaultValue"));
                }
                templates.put((String) template.get("id"), parameters);
            }
            return new FeedFileCheck(templates);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped templates " + TEMPLATES, e);
        }
    }

    /** The route ids a valid feed file declares, in order. */
    public static List<String> feedIds(Path file) throws IOException {
        Object document = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
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
        String template = String.valueOf(feed.get("routeTemplateRef"));
        Map<String, Boolean> declared = templates.get(template);
        if (declared == null) {
            problems.add(where + "routeTemplateRef '" + template + "' is not a template; use one of " + templates.keySet());
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        Object parameters = feed.get("parameters");
        if (parameters instanceof List<?> list) {
            for (Object parameter : list) {
                if (parameter instanceof Map<?, ?> pair && pair.get("name") != null) {
                    String name = String.valueOf(pair.get("name"));
                    if (!declared.containsKey(name)) {
                        problems.add(where + "parameter '" + name + "' is not a parameter of " + template + "; its parameters: "
                                + String.join(", ", declared.keySet()));
                    }
                    values.put(name, pair.get("value") == null ? "" : String.valueOf(pair.get("value")));
                } else {
                    problems.add(where + "each entry of parameters needs a name and a value");
                }
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        declared.forEach((name, required) -> {
            if (required && !values.containsKey(name)) {
                missing.add(name);
            }
        });
        if (!missing.isEmpty()) {
            problems.add(where + "parameter " + String.join(", ", missing) + " is missing");
        }
        String feedId = values.get("feedId");
        if (feedId != null && !feedId.equals(routeId)) {
            problems.add(where + "routeId must be the feed id '" + feedId + "' (the command line and the logs know the feed by it)");
        }
        if (feedId != null && !feedId.contains("{{") && FeedDefinition.idProblem(feedId) != null) {
            problems.add(where + FeedDefinition.idProblem(feedId));
        }
        if (feedId != null) {
            Path other = feeds.putIfAbsent(feedId, file);
            if (other != null) {
                problems.add(where + "feedId '" + feedId + "' is declared in " + other + " already");
            }
        }
        String cron = values.get("cron");
        if (cron != null && !cron.contains("{{")) {
            try {
                CronExpression.validateExpression(cron);
            } catch (ParseException e) {
                problems.add(where + "parameter cron '" + cron + "' is not a Quartz cron expression (seconds minutes hours"
                        + " day-of-month month day-of-week, e.g. 0 0/15 * * * ?): " + e.getMessage());
            }
        }
        String sink = values.get("sink");
        if (sink != null && !sink.contains("{{") && !FeedDefinition.isSink(sink)) {
            problems.add(where + "parameter sink '" + sink + "' is not a known sink: use file, kafka or kafka:<topic>");
        }
    }
}
