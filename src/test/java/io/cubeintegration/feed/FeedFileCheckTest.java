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

    private final FeedFileCheck check = FeedFileCheck.ofShippedTemplates();

    // The shipped example feeds pass.
    @Test
    void shippedFeedsAreValid() throws IOException {
        try (var files = Files.list(Path.of("routes"))) {
            assertEquals(List.of(), check.check(files.sorted().toList()));
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
        assertEquals(reserved + ": feed cube-feed-run: feed id 'cube-feed-run' must not start with cube-feed-, cube-file- or"
                + " cube-kafka-: those name the application's own routes", problems.get(4));
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(folder.resolve(name), yaml);
    }
}
