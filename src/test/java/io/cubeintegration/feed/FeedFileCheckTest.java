package io.cubeintegration.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedFileCheckTest {

    @TempDir
    Path folder;

    private final FeedFileCheck check = FeedFileCheck.of(shippedSettings());

    /** The shipped settings with the ids the example feeds need, as Camel resolves them. */
    static org.apache.camel.spi.PropertiesComponent shippedSettings() {
        org.apache.camel.impl.DefaultCamelContext context = new org.apache.camel.impl.DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        java.util.Properties ids = new java.util.Properties();
        ids.put("cube.campaign-id", "926");
        ids.put("cube.assignment-id", "240");
        context.getPropertiesComponent().setOverrideProperties(ids);
        context.build();
        return context.getPropertiesComponent();
    }

    // The shipped example feeds pass once the ids they name are set, and without them each says which setting it needs.
    @Test
    void shippedFeedsAreValid() throws IOException {
        try (var files = Files.list(Path.of("routes"))) {
            List<Path> shipped = files.sorted().toList();
            assertEquals(List.of(), check.check(shipped));
            org.apache.camel.impl.DefaultCamelContext bare = new org.apache.camel.impl.DefaultCamelContext();
            bare.getPropertiesComponent().setLocation("classpath:application.properties");
            bare.build();
            assertTrue(FeedFileCheck.of(bare.getPropertiesComponent()).check(shipped).contains("routes/responses.yaml: feed responses:"
                    + " parameter path 'campaigns/{{cube.campaign-id}}/responses/' needs the setting cube.campaign-id"
                    + " (CUBE_CAMPAIGN_ID), which is not set"));
        }
    }

    // A bad cron, a misspelt parameter, a missing one and an unknown sink are each named with the file and the field.
    @Test
    void typosAreNamedWithFileAndField() throws IOException {
        Path file = write("typos.yaml", """
                - templatedRoute:
                    routeTemplateRef: cube-window-feed
                    routeId: sales
                    parameters:
                      - name: feedId
                        value: sales
                      - name: path
                        value: "campaigns/1/responses/"
                      - name: cron
                        value: "0 0/15 * * *"
                      - name: filtres
                        value: "response_type=Sale"
                      - name: sink
                        value: "ftp:somewhere"
                - templatedRoute:
                    routeTemplateRef: cube-snapshot-feed
                    routeId: customers
                    parameters:
                      - name: feedId
                        value: customers
                """);

        List<String> problems = check.check(List.of(file));

        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file + ": feed sales: parameter 'filtres' is not a parameter of cube-window-feed"), problems.get(0));
        assertTrue(problems.get(1).startsWith(file + ": feed sales: parameter cron '0 0/15 * * *' is not a Quartz cron expression"), problems.get(1));
        assertEquals(file + ": feed sales: parameter sink 'ftp:somewhere' is not a known sink: use file, kafka or kafka:<topic>", problems.get(2));
        assertEquals(file + ": feed customers: parameter path is missing", problems.get(3));
    }

    // An unknown template, a route id that is not the feed id, a feed id used twice, broken YAML and a feed id that
    // takes the name of one of the application's own routes are refused.
    @Test
    void structuralMistakesAreRefused() throws IOException {
        Path first = write("a.yaml", """
                - templatedRoute:
                    routeTemplateRef: cube-window-feeds
                    routeId: x
                - templatedRoute:
                    routeTemplateRef: cube-snapshot-feed
                    routeId: campaigns-list
                    parameters:
                      - name: feedId
                        value: campaigns
                      - name: path
                        value: campaigns
                """);
        Path second = write("b.yaml", """
                - templatedRoute:
                    routeTemplateRef: cube-snapshot-feed
                    routeId: campaigns
                    parameters:
                      - name: feedId
                        value: campaigns
                      - name: path
                        value: campaigns
                """);
        Path broken = write("c.yaml", "- templatedRoute:\n    routeId: [unclosed\n");
        Path reserved = write("d.yaml", FeedYaml.feed("cube-snapshot-feed", "cube-feed-run", "campaigns"));

        List<String> problems = check.check(List.of(first, second, broken, reserved));

        assertEquals(5, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(first + ": feed x: routeTemplateRef 'cube-window-feeds' is not a template"));
        assertTrue(problems.get(1).startsWith(first + ": feed campaigns-list: routeId must be the feed id 'campaigns'"));
        assertEquals(second + ": feed campaigns: feedId 'campaigns' is declared in " + first + " already", problems.get(2));
        assertTrue(problems.get(3).startsWith(broken + ": is not valid YAML"), problems.get(3));
        assertEquals(reserved + ": feed cube-feed-run: parameter feedId 'cube-feed-run' must not start with cube-feed-, cube-file- or"
                + " cube-kafka-: those name the application's own routes", problems.get(4));
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(folder.resolve(name), yaml);
    }
}
