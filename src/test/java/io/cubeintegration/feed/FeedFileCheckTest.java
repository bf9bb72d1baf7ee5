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
            List<Path> shipped = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
            assertEquals(List.of(), check.check(shipped));
            org.apache.camel.impl.DefaultCamelContext bare = new org.apache.camel.impl.DefaultCamelContext();
            bare.getPropertiesComponent().setLocation("classpath:application.properties");
            bare.build();
            assertTrue(FeedFileCheck.of(bare.getPropertiesComponent()).check(shipped).contains("routes/responses.yaml: feed responses:"
                    + " parameter campaigns '{{cube.campaign-id}}' needs the setting cube.campaign-id"
                    + " (CUBE_CAMPAIGN_ID), which is not set"));
        }
    }

    // A feed over several campaigns is checked as start-up checks it: a set that is neither ids nor all, a placeholder
    // without its set (or the other way round), both kinds at once, and a set written into the path are each named.
    @Test
    void campaignSetsAreChecked() throws IOException {
        Path file = write("sets.yaml", FeedYaml.feed("cube-window-feed", "a", "campaigns/{campaign_id}/responses/", "campaigns", "every")
                + FeedYaml.feed("cube-window-feed", "b", "campaigns/{campaign_id}/responses/")
                + FeedYaml.feed("cube-snapshot-feed", "c", "assignments/240/customers/", "assignments", "all")
                + FeedYaml.feed("cube-window-feed", "d", "campaigns/{campaign_id}/x/{assignment_id}/", "campaigns", "all", "assignments", "1,2")
                + FeedYaml.feed("cube-window-feed", "e", "campaigns/all/responses/")
                + FeedYaml.feed("cube-window-feed", "f", "campaigns/{campaign_id}/responses/", "campaigns", "ALL",
                "campaignFilter", "campaign__name=Vinter*", "enrich", "true"));

        List<String> problems = check.check(List.of(file));

        assertEquals(List.of(
                file + ": feed a: parameter campaigns 'every' must be all or ids separated by commas, e.g. 926,927",
                file + ": feed b: parameter campaigns '' is needed: the path has {campaign_id} (one id, ids separated by commas, or all)",
                file + ": feed c: parameter assignments 'all' fills {assignment_id}, which the path 'assignments/240/customers/' lacks",
                file + ": feed d: parameters campaigns and assignments both name several ids: a feed runs over campaigns or over assignments, not both",
                file + ": feed e: parameter path 'campaigns/all/responses/' names campaigns 'all': for a feed over several campaigns,"
                        + " write {campaign_id} in the path and give the set as the feed's campaigns parameter (e.g. campaigns:"
                        + " \"{{cube.campaign-id}}\", as the shipped routes/ do)"), problems);
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
        assertTrue(problems.get(0).startsWith(first + ": feed x: routeTemplateRef 'cube-window-feeds' is not a feed kamelet"));
        assertTrue(problems.get(1).startsWith(first + ": feed campaigns-list: routeId must be the feed id 'campaigns'"));
        assertEquals(second + ": feed campaigns: feedId 'campaigns' is declared in " + first + " already", problems.get(2));
        assertTrue(problems.get(3).startsWith(broken + ": is not valid YAML"), problems.get(3));
        assertEquals(reserved + ": feed cube-feed-run: parameter feedId 'cube-feed-run' must not start with cube-feed-, cube-file- or"
                + " cube-kafka-: those name the application's own routes", problems.get(4));
    }

    // Feed files are not code: a plain Camel route (here one that would post the token elsewhere) is refused, naming
    // file and entry, unless cube.allow-custom-routes is true; so are values Camel would read as references,
    // expressions or placeholders of secrets.
    @Test
    void feedFilesHoldFeedsOnly() throws IOException {
        Path route = write("exfiltrate.yaml", FeedYaml.exfiltratingRoute("http://elsewhere.example/collect"));
        Path values = write("values.yaml", FeedYaml.feed("cube-snapshot-feed", "sneaky", "campaigns", "filters",
                "token={{env:CUBE_TOKEN}}", "keyField", "#class:java.io.File", "idFields", "${env:CUBE_TOKEN}", "customerPath",
                "assignments/{assignment_id}/customers/{customer_id}?t={{cube.token}}"));

        List<String> problems = check.check(List.of(route, values));

        assertEquals(route + ": holds a 'route' entry: feed files declare only templatedRoute entries of [cube-window-feed,"
                + " cube-snapshot-feed]; other Camel routes run with the application's credentials and are refused unless"
                + " CUBE_ALLOW_CUSTOM_ROUTES=true", problems.get(0));
        assertTrue(problems.contains(values + ": feed sneaky: parameter filters uses the placeholder {{env:CUBE_TOKEN}}: feed values"
                + " may name only cube.* settings that hold no secret"), problems.toString());
        assertTrue(problems.contains(values + ": feed sneaky: parameter keyField '#class:java.io.File' would be read by Camel as a"
                + " reference or an expression, not as a value"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(values + ": feed sneaky: parameter idFields '${env:CUBE_TOKEN}'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("parameter customerPath uses the placeholder {{cube.token}}")), problems.toString());
        org.apache.camel.spi.PropertiesComponent allowing = shippedSettings();
        java.util.Properties allow = new java.util.Properties();
        allow.put("cube.allow-custom-routes", "true");
        allowing.setOverrideProperties(allow);
        assertEquals(List.of(), FeedFileCheck.of(allowing).check(List.of(route)), "allowed by the setting");
    }

    // A file saved as Latin-1 or UTF-16 is named with the byte and line at fault and what to do, not "Input length = 1".
    @Test
    void aFileThatIsNotUtf8IsNamed() throws IOException {
        String yaml = FeedYaml.feed("cube-snapshot-feed", "kunder", "campaigns") + "# Kundeliste for Bærum\n";
        Path latin1 = Files.write(folder.resolve("latin1.yaml"), yaml.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Path utf16 = Files.write(folder.resolve("utf16.yaml"), yaml.getBytes(java.nio.charset.StandardCharsets.UTF_16));

        List<String> problems = check.check(List.of(latin1, utf16));

        assertEquals(List.of(latin1 + ": cannot be read: it is not UTF-8: byte 0xE6 on line 9 (saved as Latin-1 or Windows-1252?);"
                        + " save it as UTF-8",
                utf16 + ": cannot be read: it is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"), problems);
    }

    // A valid feed that fires more than once a minute, or whose start date makes a first run of years, is warned about.
    @Test
    void surprisingFeedsAreWarnedAbout() throws IOException {
        String longAgo = java.time.LocalDate.now().minusDays(400).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        Path file = write("eager.yaml", FeedYaml.feed("cube-window-feed", "eager", "campaigns/926/responses/", "cron", "0/10 * * * * ?",
                "startDate", longAgo));

        FeedFileCheck.Findings findings = check.examine(List.of(file));

        assertEquals(List.of(), findings.problems());
        assertEquals(2, findings.warnings().size(), findings.warnings().toString());
        assertEquals(file + ": feed eager: cron '0/10 * * * * ?' fires every 10 s: more than once a minute asks Cube again before"
                + " it has anything new", findings.warnings().get(0));
        assertTrue(findings.warnings().get(1).startsWith(file + ": feed eager: startDate " + longAgo + " makes its first run fetch 40"),
                findings.warnings().get(1));
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(folder.resolve(name), yaml);
    }
}
