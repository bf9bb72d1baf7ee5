package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CubeSimulatorPagingTest {

    @AutoClose
    private static CubeSimulator simulator;
    private static CubeTestClient client;
    private static int campaign;
    private static int assignment;

    @BeforeAll
    static void start() {
        simulator = CubeSimulator.start(SimulatorSettings.builder()
                .pageSize("customers", 300)
                .today(LocalDate.of(2024, 3, 15))
                .build());
        client = new CubeTestClient(simulator);
        campaign = simulator.account().defaultCampaignId();
        assignment = simulator.account().defaultAssignmentId();
    }

    // walking next links over a three-day window yields exactly the account's records, in order
    @Test
    void walkingEveryResponsePageYieldsTheAccountRecords() {
        String path = "campaigns/" + campaign + "/responses/";
        List<JsonNode> served = client.walk(path + "?from_date=20240101&to_date=20240103");
        List<?> expected = simulator.account().records(path, Map.of("from_date", "20240101", "to_date", "20240103"));
        assertEquals(3 * 120, served.size());
        assertEquals(expected, served);
    }

    // the customer list honours a changed page size and still adds up to every customer
    @Test
    void walkingCustomerPagesWithChangedPageSizeYieldsEveryCustomer() {
        String path = "assignments/" + assignment + "/customers/";
        JsonNode first = client.json(path);
        assertEquals(300, first.get("results").size());
        assertEquals(1000, first.get("count").asInt());
        assertEquals(simulator.account().records(path, Map.of()), client.walk(path));
    }

    // count is the total, next/previous are absolute links that keep the other query parameters in order
    @Test
    void countNextAndPreviousFollowDrf() {
        String base = simulator.baseUrl() + "campaigns/" + campaign + "/responses/";
        JsonNode first = client.json("campaigns/" + campaign + "/responses/?from_date=20240101&to_date=20240102");
        assertEquals(240, first.get("count").asInt());
        assertEquals(base + "?from_date=20240101&to_date=20240102&page=2", first.get("next").asText());
        assertTrue(first.get("previous").isNull());

        JsonNode second = client.json("campaigns/" + campaign + "/responses/?from_date=20240101&page=2&to_date=20240102");
        assertEquals(base + "?from_date=20240101&to_date=20240102&page=3", second.get("next").asText());
        assertEquals(base + "?from_date=20240101&to_date=20240102&page=1", second.get("previous").asText());

        JsonNode last = client.json("campaigns/" + campaign + "/responses/?from_date=20240101&to_date=20240102&page=5");
        assertEquals(40, last.get("results").size());
        assertTrue(last.get("next").isNull());
        assertEquals(last, client.json("campaigns/" + campaign + "/responses/?from_date=20240101&to_date=20240102&page=last"));
    }

    // a page number past the end, below 1 or not a number answers DRF's 404 Invalid page
    @Test
    void pagesOutsideTheResultAreInvalid() {
        for (String page : List.of("6", "0", "-1", "two")) {
            HttpResponse<byte[]> response = client.get("campaigns/" + campaign + "/responses/?from_date=20240101&to_date=20240102&page=" + page);
            assertEquals(404, response.statusCode(), "page=" + page);
            assertEquals("{\"detail\":\"Invalid page.\"}", new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    // an empty window still answers page 1, with count 0 and no links
    @Test
    void emptyResultIsAnEmptyFirstPage() {
        JsonNode page = client.json("campaigns/" + campaign + "/responses/?from_date=20240105&to_date=20240101");
        assertEquals("{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}", page.toString());
    }

    // filters apply before paging: count is the filtered total and every record matches
    @Test
    void filtersApplyBeforePaging() {
        String path = "campaigns/" + campaign + "/responses/";
        List<JsonNode> sales = client.walk(path + "?from_date=20240101&to_date=20240107&response_type=Sale");
        assertEquals(simulator.account().records(path, Map.of("from_date", "20240101", "to_date", "20240107", "response_type", "Sale")), sales);
        assertTrue(sales.size() > 7 * 120 / 10 && sales.size() < 7 * 120 / 2, "about a quarter are sales: " + sales.size());
        sales.forEach(sale -> assertEquals("Sale", sale.get("type").asText()));

        String callflow = "campaigns/" + campaign + "/callflow_customers/";
        List<JsonNode> completed = client.walk(callflow + "?call_state=Completed%20-%20Yes");
        assertEquals(simulator.account().records(callflow, Map.of("call_state", "Completed - Yes")), completed);
        completed.forEach(customer -> assertEquals("Completed - Yes", customer.get("callflow__callstate__name").asText()));
    }

    // call outcomes and SMS without dates are today's, in Europe/Oslo unless fixed by the settings
    @Test
    void callOutcomesWithoutDatesAreToday() {
        List<JsonNode> outcomes = client.walk("campaigns/" + campaign + "/call_outcomes/");
        assertEquals(80, outcomes.size());
        outcomes.forEach(outcome -> assertTrue(outcome.get("response_submitted_when").asText().startsWith("2024-03-15 ")));
        assertEquals(30, client.walk("campaigns/" + campaign + "/sms").size());
    }

    // a century of responses from the campaign's start is served page by page without building it: far pages are instant
    @Test
    void hugeWindowsAreComputedPerPage() {
        String path = "campaigns/" + campaign + "/responses/?from_date=20170101&to_date=21161231";
        JsonNode far = client.json(path + "&page=80000");
        long count = far.get("count").asLong();
        assertEquals(ChronoUnit.DAYS.between(LocalDate.of(2017, 1, 1), LocalDate.of(2117, 1, 1)) * 120, count);
        assertEquals(50, far.get("results").size());
        Iterator<?> stream = simulator.account().stream("campaigns/" + campaign + "/responses/",
                Map.of("from_date", "20170101", "to_date", "21161231"));
        assertTrue(stream.hasNext());
        assertEquals(client.json(path).get("results").get(0), stream.next());
    }
}
