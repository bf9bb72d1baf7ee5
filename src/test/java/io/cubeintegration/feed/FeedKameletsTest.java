package io.cubeintegration.feed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed kamelets' parameter declarations are the one source of the feed files' check, of the check Camel runs when
 * it creates a feed, of --help-feeds and of the parameter table in docs/feeds.md; the two kamelets say what they share
 * in the same words.
 */
class FeedKameletsTest {

    @RegisterExtension
    static final FeedKameletsContext kamelets = new FeedKameletsContext();

    // What the two kamelets share is declared the same, word for word, but for the few declarations that differ on
    // purpose; so are the feed they make and the route they start, but for the window's own parameters.
    @Test
    void theKameletsDeclareWhatTheyShareAlike() throws Exception {
        Map<?, ?> window = kamelet("cube-window-feed");
        Map<?, ?> snapshot = kamelet("cube-snapshot-feed");
        Map<?, ?> windowProperties = (Map<?, ?>) path(window, "spec", "definition", "properties");
        Map<?, ?> snapshotProperties = (Map<?, ?>) path(snapshot, "spec", "definition", "properties");
        // each kind's own schedule and the words that name its kind of endpoint
        Set<String> differing = Set.of("cron.default", "timeZone.description", "filters.description");
        for (Object name : snapshotProperties.keySet()) {
            Map<?, ?> own = (Map<?, ?>) snapshotProperties.get(name);
            Map<?, ?> other = (Map<?, ?>) windowProperties.get(name);
            assertTrue(other != null, "cube-window-feed declares " + name + " too");
            Set<Object> keys = new java.util.HashSet<>(own.keySet());
            keys.addAll(other.keySet());
            for (Object key : keys) {
                if (!differing.contains(name + "." + key)) {
                    assertEquals(own.get(key), other.get(key), name + "." + key);
                }
            }
        }
        assertEquals(Set.of("lookbackDays", "startDate"), difference(windowProperties.keySet(), snapshotProperties.keySet()));
        assertEquals(path(snapshot, "spec", "definition", "required"), path(window, "spec", "definition", "required"));
        assertEquals(path(snapshot, "spec", "template", "from"), path(window, "spec", "template", "from"));
        Map<?, ?> windowBean = (Map<?, ?>) ((List<?>) path(window, "spec", "template", "beans")).get(0);
        Map<?, ?> snapshotBean = (Map<?, ?>) ((List<?>) path(snapshot, "spec", "template", "beans")).get(0);
        Map<Object, Object> windowFeed = new java.util.LinkedHashMap<>((Map<?, ?>) windowBean.get("properties"));
        Map<Object, Object> snapshotFeed = new java.util.LinkedHashMap<>((Map<?, ?>) snapshotBean.get("properties"));
        assertEquals("WINDOW", windowFeed.remove("kamelet"));
        assertEquals("SNAPSHOT", snapshotFeed.remove("kamelet"));
        windowFeed.remove("lookbackDays");
        windowFeed.remove("startDate");
        assertEquals(snapshotFeed, windowFeed);
    }

    private static Map<?, ?> kamelet(String name) throws Exception {
        try (var in = FeedKameletsTest.class.getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) {
            return (Map<?, ?>) new org.snakeyaml.engine.v2.api.Load(org.snakeyaml.engine.v2.api.LoadSettings.builder().build())
                    .loadFromInputStream(in);
        }
    }

    private static Object path(Map<?, ?> map, String... keys) {
        Object at = map;
        for (String key : keys) {
            at = ((Map<?, ?>) at).get(key);
        }
        return at;
    }

    private static Set<Object> difference(Set<?> more, Set<?> fewer) {
        Set<Object> left = new java.util.HashSet<>(more);
        left.removeAll(fewer);
        return left;
    }

    // A feed whose values are all good is created by Camel and passes the check: the control of the cases above.
    @Test
    void goodFeedPassesTheCheckAndStarts() throws Exception {
        Path file = Files.writeString(kamelets.folder().resolve("good.yaml"), FeedYaml.feed("cube-window-feed", "good",
                "campaigns/{{cube.campaign-id}}/responses/", "enrich", "true", "lookbackDays", "2", "startDate", "20240101",
                "sink", "kafka:sales.responses", "filters", "response_type=Sale"));

        assertEquals(List.of(), FeedFileCheck.of(kamelets.camel().getPropertiesComponent()).check(List.of(file)));
        PluginHelper.getRoutesLoader(kamelets.camel()).loadRoutes(ResourceHelper.resolveMandatoryResource(kamelets.camel(), "file:" + file));
        assertTrue(kamelets.camel().getRoute("good") != null);
        kamelets.camel().getRouteController().stopRoute("good");
        kamelets.camel().removeRoute("good");
    }

    // The parameter table of docs/feeds.md is the one the kamelets make, to the letter.
    @Test
    void docsTableIsTheKameletsDeclarations() throws Exception {
        String feeds = Files.readString(Path.of("docs", "feeds.md"));
        String table = feeds.substring(feeds.indexOf("<!-- feed-parameters"), feeds.indexOf("<!-- /feed-parameters -->"));
        assertEquals(FeedKamelets.shipped().markdownTable(), table.substring(table.indexOf('\n') + 1));
    }
}
