package io.cubeintegration.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cubeintegration.feed.FeedTemplatesContext;
import io.cubeintegration.feed.FeedYaml;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No value that start-up refuses passes --validate: a list of broken feed parameter values, each refused by the one
 * check that start-up and --validate both run before Camel sees a file, and each also refused by Camel itself when
 * it creates the feed (so the check invents nothing), in the same words wherever the feed's own validation decides.
 */
class StartupRefusalTest {

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

    /** Broken values, one per case: template, parameter, value, and what the refusal says after the value. */
    static Stream<Arguments> brokenValues() {
        return Stream.of(
                Arguments.of("cube-window-feed", "feedId", "bad id!", "must be letters, digits, '.', '_' or '-'"),
                Arguments.of("cube-window-feed", "feedId", "cube-file-sales", "must not start with cube-feed-, cube-file- or cube-kafka-"),
                Arguments.of("cube-window-feed", "path", "/campaigns/926/responses/", "must be a path below the base URL"),
                Arguments.of("cube-window-feed", "path", "https://elsewhere.example/api/v1/", "must be a path below the base URL"),
                Arguments.of("cube-window-feed", "path", "campaigns/../admin/", "must be a path below the base URL"),
                Arguments.of("cube-window-feed", "path", "", "is empty"),
                Arguments.of("cube-window-feed", "cron", "every 5 minutes", "is not a Quartz cron expression"),
                Arguments.of("cube-window-feed", "cron", "0 0 0 1 1 ? 2020", "never fires again"),
                Arguments.of("cube-snapshot-feed", "cron", "", "is empty"),
                Arguments.of("cube-window-feed", "timeZone", "Europe/Olso", "is not a time zone id such as Europe/Oslo"),
                Arguments.of("cube-snapshot-feed", "timeZone", "CEST+", "is not a time zone id such as Europe/Oslo"),
                Arguments.of("cube-window-feed", "filters", "response_type", "query filter 'response_type' is not name=value"),
                Arguments.of("cube-window-feed", "filters", "from_date=20240101", "must not set from_date or to_date"),
                Arguments.of("cube-window-feed", "enrich", "yes", "must be true or false"),
                Arguments.of("cube-snapshot-feed", "enrich", "TRUE", "must be true or false"),
                Arguments.of("cube-window-feed", "assignmentId", "abc", "must be a whole number"),
                Arguments.of("cube-window-feed", "assignmentId", "0", "must be 1 or more"),
                Arguments.of("cube-snapshot-feed", "campaignId", "x12", "must be a whole number"),
                Arguments.of("cube-window-feed", "campaignId", "-5", "must be 1 or more"),
                Arguments.of("cube-window-feed", "customerIdField", "crm id", "must be a field name"),
                Arguments.of("cube-window-feed", "customerPath", "assignments/{assignment_id}/customers/", "must contain {customer_id}"),
                Arguments.of("cube-window-feed", "customerListPath", "/assignments/{assignment_id}/customers/", "must be a path below the base URL"),
                Arguments.of("cube-snapshot-feed", "customerKeyField", "", "is empty"),
                Arguments.of("cube-window-feed", "enrichPlan", "cheap", "must be one of auto, lookup, bulk"),
                Arguments.of("cube-window-feed", "sink", "ftp:somewhere", "is not a known sink"),
                Arguments.of("cube-snapshot-feed", "sink", "kafka:bad topic!", "is not a known sink"),
                Arguments.of("cube-window-feed", "sink", "", "is empty"),
                Arguments.of("cube-window-feed", "deadLetterTopic", "dead letters", "is not a Kafka topic name"),
                Arguments.of("cube-window-feed", "lookbackDays", "-3", "must be 0 or more"),
                Arguments.of("cube-window-feed", "lookbackDays", "seven", "must be a whole number"),
                Arguments.of("cube-window-feed", "lookbackDays", "1000", "must be at most 366"),
                Arguments.of("cube-window-feed", "startDate", "2024-01-01", "must be a date as YYYYMMDD"),
                Arguments.of("cube-window-feed", "startDate", "00010101", "is before 20000101"),
                Arguments.of("cube-window-feed", "startDate", "20241301", "must be a date as YYYYMMDD"),
                Arguments.of("cube-snapshot-feed", "enrich", "true", "is needed for enrichment"));
    }

    // Each broken value is refused before Camel starts (start-up and --validate alike) with file, feed, parameter and
    // reason; Camel creating the feed refuses it too, in the same words but for the cron, which Quartz judges first.
    @ParameterizedTest(name = "{0} {1} ''{2}''")
    @MethodSource("brokenValues")
    void brokenValueIsRefusedByTheCheckAndByCamelInTheSameWords(String template, String parameter, String value, String reason)
            throws Exception {
        String feedId = parameter.equals("feedId") ? value : "sales";
        // the last case breaks enrichment: a path that names no campaign, and no assignment given
        String path = reason.contains("enrichment") ? "assignments/240/callflow_customers/"
                : parameter.equals("path") ? value : "campaigns/{{cube.campaign-id}}/responses/";
        List<String> parameters = new ArrayList<>();
        if (!parameter.equals("feedId") && !parameter.equals("path")) {
            parameters.addAll(List.of(parameter, value));
        }
        Path file = Files.writeString(folder.resolve(template + "-" + parameter + ".yaml"),
                FeedYaml.feed(template, feedId, path, parameters.toArray(String[]::new)));

        Settings settings = Settings.resolve(Settings.configFile(), Map.of("cube.routes", file.toString(),
                "cube.campaign-id", "926", "cube.assignment-id", "240", "cube.base-url", "https://acme.headshed.com/api/v1/",
                "cube.token", "t"));
        CubeIntegrationLauncher.Refusal refusal = CubeIntegrationLauncher.refusal(settings);
        Resource resource = ResourceHelper.resolveMandatoryResource(camel, "file:" + file);
        Exception byCamel = assertThrows(Exception.class, () -> PluginHelper.getRoutesLoader(camel).loadRoutes(resource));

        String named = parameter.equals("enrich") && reason.contains("enrichment") ? "assignmentId" : parameter;
        assertEquals("feed files", refusal.what());
        assertEquals(1, refusal.problems().size(), refusal.problems().toString());
        String line = refusal.problems().get(0);
        assertTrue(line.startsWith(file + ": feed " + feedId + ": parameter " + named + " '"), line);
        assertTrue(line.contains(reason), line);
        if (!parameter.equals("cron")) {
            assertEquals(line.substring((file + ": ").length()), innermost(byCamel), "Camel refuses it in the same words");
        }
    }

    private static String innermost(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
