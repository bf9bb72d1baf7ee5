package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The later generation of the API (data owners, CRM type B2C) over real HTTP: every endpoint, its paging and record shape. */
class CubeSimulatorLaterGenerationTest {

    private static final String DAY = "20200212";
    private static final String WINDOW = "?from_date=" + DAY + "&to_date=" + DAY;
    private static final String TIMESTAMP = "call_outcome__report_as__submitted_when_timestamp";

    @AutoClose
    private static CubeSimulator simulator;
    private static CubeTestClient client;
    private static SimulatedAccount account;

    @BeforeAll
    static void start() {
        // small pages, so that every paged endpoint is walked over several
        simulator = CubeSimulator.start(SimulatorSettings.builder().today(LocalDate.of(2020, 2, 12))
                .pageSize("call_outcomes", 40).pageSize("product_registrations", 5).pageSize("callflow_customers", 400)
                .pageSize("customers", 400).build());
        client = new CubeTestClient(simulator);
        account = simulator.account();
    }

    // every paged endpoint of the later API answers DRF pages whose walk equals the account's records, in order
    @Test
    void everyPagedEndpointIsServed() {
        List<String> paths = List.of("call_outcomes/", "call_outcomes/" + WINDOW, "call_outcomes/" + WINDOW + "&call_outcome_type=Sale",
                "data_owners/240/crm/B2C/call_outcomes/" + WINDOW, "data_owners/241/crm/B2C/call_outcomes/" + WINDOW,
                "data_owners/240/crm/B2C/callflow_customers/", "data_owners/241/crm/B2C/callflow_customers/",
                "data_owners/240/crm/B2C/product_registrations/" + WINDOW, "data_owners/240/B2C/customers/",
                "campaigns/926/product_registrations/" + WINDOW, "campaigns/926/call_outcomes/" + WINDOW,
                "campaigns/926/callflow_customers/");
        for (String path : paths) {
            JsonNode first = client.json(path);
            List<JsonNode> walked = client.walk(path);
            List<ObjectNode> expected = account.records(path.replaceAll("\\?.*", ""), query(path));
            assertFalse(expected.isEmpty(), path);
            assertEquals(expected, walked, path);
            assertEquals(expected.size(), first.get("count").asInt(), path);
            assertFalse(first.get("next").isNull(), path + " spans several pages");
        }
    }

    // account-wide call outcomes are every campaign's in the data-owner shape, filtered by type, today's without dates
    @Test
    void accountWideCallOutcomesHaveTheDataOwnerShape() {
        List<JsonNode> outcomes = client.walk("call_outcomes/" + WINDOW);
        Set<Integer> campaigns = new TreeSet<>();
        outcomes.forEach(outcome -> campaigns.add(outcome.get("campaign__id").asInt()));
        assertEquals(new TreeSet<>(account.activeCampaignIds()), campaigns);
        for (JsonNode outcome : outcomes) {
            assertTrue(names(outcome).containsAll(List.of("crm__customer_id", "crm__name", "data_owner__name", "segment__name",
                    "campaign__id", "campaign__name", "call_outcome__type", "call_outcome__subtype", "call_outcome__comment",
                    "call_outcome__submitted_by", TIMESTAMP)), outcome.toString());
        }
        assertEquals(outcomes, client.walk("call_outcomes/"), "no dates: today");
        List<JsonNode> sales = client.walk("call_outcomes/" + WINDOW + "&call_outcome_type=Sale");
        assertEquals(outcomes.stream().filter(outcome -> outcome.get("call_outcome__type").asText().equals("Sale")).toList(), sales);
    }

    // the offset timestamp arrives as a JSON string, byte for byte as the generator made it, e.g. 2020-02-12T10:27:06.477+0100
    @Test
    void offsetTimestampsArriveExactly() {
        for (String path : List.of("call_outcomes/", "data_owners/241/crm/B2C/call_outcomes/", "data_owners/240/crm/B2C/product_registrations/",
                "campaigns/926/product_registrations/")) {
            ObjectNode generated = account.records(path, query(WINDOW)).get(0);
            String stamp = generated.get(TIMESTAMP).asText();
            assertTrue(stamp.matches("2020-02-12T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0100"), stamp);
            String body = new String(client.get(path + WINDOW).body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("\"" + TIMESTAMP + "\":\"" + stamp + "\""), path + ": " + body);
            assertEquals(generated, client.json(path + WINDOW).get("results").get(0), path);
        }
    }

    // product registrations carry the data owner, segment and product__ fields of one sale each
    @Test
    void productRegistrationsHaveProductFields() {
        List<JsonNode> registrations = client.walk("data_owners/241/crm/B2C/product_registrations/" + WINDOW);
        assertFalse(registrations.isEmpty());
        for (JsonNode registration : registrations) {
            assertEquals(List.of("crm__customer_id", "crm__name", "crm__phone_1", "data_owner__name", "segment__name", "campaign__id",
                    "campaign__name", "product__name", "product__quantity", "product__unit_price", "call_outcome__submitted_by", TIMESTAMP),
                    names(registration));
            assertEquals("Bedriftsmarked", registration.get("data_owner__name").asText());
            assertTrue(registration.get(TIMESTAMP).isTextual());
        }
    }

    // customers, one customer and custom fields (with lookup__id) are served under data_owners/{id}/B2C/
    @Test
    void dataOwnerCustomersAndCustomFields() {
        for (int owner : List.of(240, 241)) {
            JsonNode first = client.json("data_owners/" + owner + "/B2C/customers/").get("results").get(0);
            long id = first.get("id").asLong();
            assertEquals(account.customer(owner, id).orElseThrow(), client.json("data_owners/" + owner + "/B2C/customers/" + id));
            assertEquals(404, client.get("data_owners/" + owner + "/B2C/customers/1").statusCode());
            JsonNode fields = client.json("data_owners/" + owner + "/B2C/crm_custom_fields/");
            assertTrue(fields.isArray() && fields.size() > 0);
            assertEquals(account.records("data_owners/" + owner + "/B2C/crm_custom_fields/", Map.of()), elements(fields));
            fields.forEach(field -> assertEquals(List.of("id", "key", "type", "max_length", "hint", "lookup__id"), names(field)));
        }
        assertEquals(404, client.get("data_owners/240/B2B/customers/").statusCode());
    }

    private static Map<String, String> query(String path) {
        Map<String, String> query = new LinkedHashMap<>();
        int start = path.indexOf('?');
        if (start >= 0) {
            for (String pair : path.substring(start + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], parts[1]);
            }
        }
        return query;
    }

    private static List<String> names(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }
}
