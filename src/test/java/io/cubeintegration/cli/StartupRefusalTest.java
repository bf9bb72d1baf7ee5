package io.cubeintegration.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cubeintegration.feed.FeedKamelets;
import io.cubeintegration.feed.FeedKameletsContext;
import io.cubeintegration.feed.FeedYaml;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    @RegisterExtension
    static final FeedKameletsContext kamelets = new FeedKameletsContext();

    /** Marks a case for every feed kind that has the parameter. */
    private static final String ANY = "*";
    /** Parameters that take any text: a run accepts whatever they hold (the feed files' check still refuses code in them). */
    private static final Set<String> ANY_TEXT = Set.of("keyField", "idFields");

    /** Broken values: feed kind (or every kind with the parameter), parameter, value, and what the refusal says after it. */
    private static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(ANY, "feedId", "bad id!", "must be letters, digits, '.', '_' or '-'"),
                Arguments.of(ANY, "feedId", "cube-file-sales", "must not start with cube-feed-, cube-file- or cube-kafka-"),
                Arguments.of(ANY, "path", "/campaigns/926/responses/", "must be a path below the base URL"),
                Arguments.of(ANY, "path", "https://elsewhere.example/api/v1/", "must be a path below the base URL"),
                Arguments.of(ANY, "path", "campaigns/../admin/", "must stay below the base URL"),
                Arguments.of(ANY, "path", "campaigns/%2e%2e/admin/", "must stay below the base URL"),
                Arguments.of(ANY, "path", "campaigns/910/responses/?page=1", "without a query or fragment"),
                Arguments.of(ANY, "feedId", "f".repeat(300), "is 300 characters long: at most 100"),
                Arguments.of(ANY, "sink", "kafka:" + "t".repeat(230), "make state file names of"),
                Arguments.of(ANY, "sink", "kafka:" + "t".repeat(249), "Kafka takes topic names of at most 249"),
                Arguments.of(ANY, "campaigns", "all,926", "must be all or ids separated by commas"),
                Arguments.of(ANY, "assignments", "240;241", "must be all or ids separated by commas"),
                Arguments.of(ANY, "campaignFilter", "client__id", "is not name=value"),
                Arguments.of(ANY, "path", "", "is empty"),
                Arguments.of(ANY, "cron", "every 5 minutes", "is not a Quartz cron expression"),
                Arguments.of(ANY, "cron", "0 0 0 1 1 ? 2020", "never fires again"),
                Arguments.of(ANY, "cron", "", "is empty"),
                Arguments.of(ANY, "timeZone", "Europe/Olso", "is not a time zone id such as Europe/Oslo"),
                Arguments.of(ANY, "timeZone", "CEST+", "is not a time zone id such as Europe/Oslo"),
                Arguments.of(ANY, "filters", "response_type", "query filter 'response_type' is not name=value"),
                Arguments.of("cube-window-feed", "filters", "from_date=20240101", "must not set from_date or to_date"),
                Arguments.of(ANY, "enrich", "yes", "must be true or false"),
                Arguments.of(ANY, "enrich", "TRUE", "must be true or false"),
                Arguments.of(ANY, "assignmentId", "abc", "must be a whole number"),
                Arguments.of(ANY, "assignmentId", "0", "must be 1 or more"),
                Arguments.of(ANY, "campaignId", "x12", "must be a whole number"),
                Arguments.of(ANY, "campaignId", "-5", "must be 1 or more"),
                Arguments.of(ANY, "customerIdField", "crm id", "must be a field name"),
                Arguments.of(ANY, "timestampField", "submitted when", "must be a field name"),
                Arguments.of(ANY, "customerPath", "assignments/{assignment_id}/customers/", "must contain {customer_id}"),
                Arguments.of(ANY, "customerPath", "http://127.0.0.1:45617/1/{customer_id}", "not a URL with a scheme or host"),
                Arguments.of(ANY, "customerPath", "assignments/{assignment_id}/customers/%2e%2e/{customer_id}", "must stay below the base URL"),
                Arguments.of(ANY, "customerListPath", "/assignments/{assignment_id}/customers/", "must be a path below the base URL"),
                Arguments.of(ANY, "customerKeyField", "", "is empty"),
                Arguments.of(ANY, "enrichPlan", "cheap", "must be one of auto, lookup, bulk"),
                Arguments.of(ANY, "sink", "ftp:somewhere", "is not a known sink"),
                Arguments.of(ANY, "sink", "kafka:bad topic!", "is not a known sink"),
                Arguments.of(ANY, "sink", "", "is empty"),
                Arguments.of(ANY, "deadLetterTopic", "dead letters", "is not a Kafka topic name"),
                Arguments.of(ANY, "lookbackDays", "-3", "must be 0 or more"),
                Arguments.of(ANY, "lookbackDays", "seven", "must be a whole number"),
                Arguments.of(ANY, "lookbackDays", "1000", "must be at most 366"),
                Arguments.of(ANY, "startDate", "2024-01-01", "must be a date as YYYYMMDD"),
                Arguments.of(ANY, "startDate", "00010101", "is before 20000101"),
                Arguments.of(ANY, "startDate", "20241301", "must be a date as YYYYMMDD"),
                Arguments.of(ANY, "enrich", "true", "is needed for enrichment"));
    }

    /** Each case for each feed kind it names. */
    static Stream<Arguments> brokenValues() {
        return cases().flatMap(arguments -> {
            Object[] values = arguments.get();
            return FeedKamelets.shipped().all().stream()
                    .filter(template -> values[0].equals(ANY) ? template.parameter((String) values[1]).isPresent() : template.name().equals(values[0]))
                    .map(template -> Arguments.of(template.name(), values[1], values[2], values[3]));
        });
    }

    // The cases walk every parameter of every feed kind (but those that take any text): a parameter added to a kamelet
    // without a broken value here fails this test.
    @Test
    void everyParameterOfEveryKindIsWalked() {
        Set<String> walked = brokenValues().map(arguments -> arguments.get()[0] + " " + arguments.get()[1]).collect(Collectors.toSet());
        for (FeedKamelets.Kamelet template : FeedKamelets.shipped().all()) {
            for (FeedKamelets.Parameter parameter : template.parameters()) {
                assertTrue(ANY_TEXT.contains(parameter.name()) || walked.contains(template.name() + " " + parameter.name()),
                        template.name() + " " + parameter.name() + " has no broken value in cases()");
            }
        }
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
        Path file = Files.writeString(kamelets.folder().resolve(template + "-" + parameter + ".yaml"),
                FeedYaml.feed(template, feedId, path, parameters.toArray(String[]::new)));

        Settings settings = Settings.resolve(Settings.configFile(), Map.of("cube.routes", file.toString(),
                "cube.campaign-id", "926", "cube.assignment-id", "240", "cube.base-url", "https://acme.headshed.com/api/v1/",
                "cube.token", "t"));
        StartupCheck.Refusal refusal = StartupCheck.refusal(settings);
        Resource resource = ResourceHelper.resolveMandatoryResource(kamelets.camel(), "file:" + file);
        Exception byCamel = assertThrows(Exception.class, () -> PluginHelper.getRoutesLoader(kamelets.camel()).loadRoutes(resource));

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
