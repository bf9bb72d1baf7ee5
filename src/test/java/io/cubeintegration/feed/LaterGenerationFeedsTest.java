package io.cubeintegration.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped example feeds of the later-generation API (routes/later-generation/), as an operator loads them, end to
 * end against the simulator: each delivers exactly what Cube holds, offset timestamps as sent, with no Java of its own.
 */
class LaterGenerationFeedsTest extends CubeFeedTestSupport {

    private static final Path SHIPPED = Path.of("routes/later-generation");
    private static final int DATA_OWNER = 240;

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().customersPerAssignment(150).callOutcomesPerDay(40).build();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("cube.data-owner-id", Integer.toString(DATA_OWNER), "cube.crm-type", "B2C",
                "cube.start-date", FeedWindow.CUBE_DATE.format(simulator.account().today().minusDays(1)));
    }

    @Override
    protected void writeRouteFiles() {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            files.filter(file -> file.toString().endsWith(".yaml"))
                    .forEach(file -> writeRouteFile(file.getFileName().toString(), read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The snapshot feeds of a data owner: its customers, the call state of each, and its custom fields' labels.
    @Test
    void dataOwnerSnapshots() {
        for (String[] feed : new String[][] {
                {"data-owner-customers", "data_owners/240/B2C/customers/"},
                {"data-owner-callflow-customers", "data_owners/240/crm/B2C/callflow_customers/"},
                {"data-owner-custom-fields", "data_owners/240/B2C/crm_custom_fields/"}}) {
            FeedRun run = run(feed[0]);
            assertTrue(run.isSucceeded(), feed[0] + ": " + run.failure());
            assertEquals(Delivered.lines(simulator.account().records(feed[1], Map.of())), output.onlyFileLines(feed[0]), feed[0]);
        }
        assertTrue(output.onlyFileLines("data-owner-custom-fields").get(0).contains("\"lookup__id\":null"));
    }

    // The window feeds: call outcomes of the account and of a data owner (enriched from the data owner's customers by
    // their imported id), product registrations of a campaign and of a data owner; every day since the start date,
    // the offset timestamps exactly as Cube sent them.
    @Test
    void windowFeedsWithOffsetTimestamps() {
        Map<String, ObjectNode> customers = new HashMap<>();
        simulator.account().records("data_owners/240/B2C/customers/", Map.of())
                .forEach(customer -> customers.put(customer.get("crm__customer_id").asText(), customer));
        int campaign = simulator.account().defaultCampaignId();
        Map<String, String> feeds = Map.of(
                "account-call-outcomes", "call_outcomes/",
                "data-owner-call-outcomes", "data_owners/240/crm/B2C/call_outcomes/",
                "campaign-product-registrations", "campaigns/" + campaign + "/product_registrations/",
                "data-owner-product-registrations", "data_owners/240/crm/B2C/product_registrations/");
        feeds.forEach((feed, path) -> {
            FeedPlan plan = trigger(feed);
            assertTrue(plan.succeeded(), feed + ": " + plan.runs());
            List<ObjectNode> expected = new ArrayList<>();
            LocalDate today = simulator.account().today();
            for (LocalDate day = today.minusDays(1); !day.isAfter(today); day = day.plusDays(1)) {
                expected.addAll(simulator.account().records(path, Delivered.window(day, day)));
            }
            if (feed.equals("data-owner-call-outcomes")) {
                expected.forEach(outcome -> outcome.set("customer",
                        customers.getOrDefault(outcome.get("crm__customer_id").asText(), null) == null
                                ? NullNode.getInstance() : customers.get(outcome.get("crm__customer_id").asText())));
            }
            assertFalse(expected.isEmpty(), feed);
            List<String> delivered = output.lines(feed);
            assertEquals(Delivered.lines(expected), delivered, feed);
            assertTrue(delivered.stream().allMatch(line -> line.matches(
                    ".*\"call_outcome__report_as__submitted_when_timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}\".*")), feed);
        });
        JsonNode enriched = Delivered.record(output.lines("data-owner-call-outcomes").get(0));
        assertEquals(enriched.get("crm__customer_id").asText(), enriched.get("customer").get("crm__customer_id").asText());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
