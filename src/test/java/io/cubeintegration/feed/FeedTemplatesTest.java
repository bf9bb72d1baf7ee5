package io.cubeintegration.feed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed kinds' parameter declarations (the kamelets) are the one source of the feed files' check, of the check
 * Camel runs when it creates a feed, of --help-feeds and of the parameter table in docs/feeds.md.
 */
class FeedTemplatesTest {

    private static DefaultCamelContext camel;
    @TempDir
    static Path folder;

    @BeforeAll
    static void startCamel() throws Exception {
        camel = FeedTemplatesContext.start(folder);
    }

    @AfterAll
    static void stopCamel() {
        camel.stop();
    }

    // A feed whose values are all good is created by Camel and passes the check: the control of the cases above.
    @Test
    void goodFeedPassesTheCheckAndStarts() throws Exception {
        Path file = Files.writeString(folder.resolve("good.yaml"), FeedYaml.feed("cube-window-feed", "good",
                "campaigns/{{cube.campaign-id}}/responses/", "enrich", "true", "lookbackDays", "2", "startDate", "20240101",
                "sink", "kafka:sales.responses", "filters", "response_type=Sale"));

        assertEquals(List.of(), FeedFileCheck.of(camel.getPropertiesComponent()).check(List.of(file)));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + file));
        assertTrue(camel.getRoute("good") != null);
        camel.getRouteController().stopRoute("good");
        camel.removeRoute("good");
    }

    // The parameter table of docs/feeds.md is the one the kamelets make, to the letter.
    @Test
    void docsTableIsTheKameletsDeclarations() throws Exception {
        String feeds = Files.readString(Path.of("docs", "feeds.md"));
        String table = feeds.substring(feeds.indexOf("<!-- feed-parameters"), feeds.indexOf("<!-- /feed-parameters -->"));
        assertEquals(FeedTemplates.shipped().markdownTable(), table.substring(table.indexOf('\n') + 1));
    }
}
