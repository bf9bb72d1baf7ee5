package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cube's list without an ORDER BY: each request serves the days in an order of its own, the set of records the same. */
class SimulatorUnstableOrderTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 3, 15);
    private static final LocalDate DAY = TODAY.minusDays(1);
    private static final String PATH = "campaigns/926/responses/";
    private static final DateTimeFormatter QUERY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String TWO_DAYS = PATH + "?from_date=" + DAY.minusDays(1).format(QUERY) + "&to_date=" + DAY.format(QUERY);
    private static final Map<String, String> TWO_DAYS_WINDOW = Map.of("from_date", DAY.minusDays(1).format(QUERY), "to_date", DAY.format(QUERY));

    // unstable, even with caching: a page read again differs, each page is a subset of the days' set; stable again, paging is records()
    @Test
    void everyRequestHasAnOrderOfItsOwn() {
        try (CubeSimulator simulator = CubeSimulator.start(settings().cacheAnswers(true).build())) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            ObjectNode filed = account.fileResponseLate(926, DAY, 2);
            List<ObjectNode> stable = account.records(PATH, TWO_DAYS_WINDOW);
            assertEquals(241, stable.size());
            assertEquals(filed, stable.get(122));
            Set<JsonNode> records = new HashSet<>(stable);
            assertEquals(241, records.size());

            account.unstableOrder(true);
            for (String page : List.of("2", "13")) {
                List<JsonNode> first = results(client.json(TWO_DAYS + "&page=" + page));
                boolean differs = false;
                for (int attempt = 0; attempt < 5 && !differs; attempt++) {
                    differs = !first.equals(results(client.json(TWO_DAYS + "&page=" + page)));
                }
                assertTrue(differs, "page " + page + " read again came in another order");
            }
            for (int page = 1; page <= 25; page++) {
                JsonNode served = client.json(TWO_DAYS + "&page=" + page);
                assertEquals(241, served.get("count").asInt());
                List<JsonNode> results = results(served);
                assertEquals(page < 25 ? 10 : 1, results.size(), "page " + page);
                results.forEach(result -> assertTrue(records.contains(result), "a record of the days: " + result));
                assertEquals(results.size(), new HashSet<>(results).size(), "no record twice on page " + page);
            }
            assertEquals(404, client.get(TWO_DAYS + "&page=26").statusCode());
            List<ObjectNode> shuffled = account.records(PATH, TWO_DAYS_WINDOW);
            assertEquals(records, new HashSet<>(shuffled), "the same set of records");
            assertEquals(241, shuffled.size());
            assertTrue(!shuffled.equals(stable), "records() too is in an order of its own");
            List<JsonNode> sales = client.walk(TWO_DAYS + "&response_type=Sale");
            sales.forEach(sale -> assertEquals("Sale", sale.get("type").asText()));
            assertEquals(stable.stream().filter(response -> response.get("type").asText().equals("Sale")).count(), sales.size());

            account.unstableOrder(false);
            assertEquals(stable, client.walk(TWO_DAYS));
            assertEquals(stable, account.records(PATH, TWO_DAYS_WINDOW));
        }
    }

    // the orders come from the seed and the number of requests: the same requests to two simulators get the same pages
    @Test
    void theSameRequestsGetTheSameOrders() {
        try (CubeSimulator first = CubeSimulator.start(settings().build());
             CubeSimulator second = CubeSimulator.start(settings().build())) {
            first.account().unstableOrder(true);
            second.account().unstableOrder(true);
            CubeTestClient firstClient = new CubeTestClient(first);
            CubeTestClient secondClient = new CubeTestClient(second);
            for (int page = 1; page <= 5; page++) {
                assertEquals(results(firstClient.json(TWO_DAYS + "&page=" + page)), results(secondClient.json(TWO_DAYS + "&page=" + page)));
            }
        }
    }

    // a century served in an unstable order builds only the days a page reaches: a far page answers at once
    @Test
    void farPagesOfHugeWindowsStayCheap() {
        try (CubeSimulator simulator = CubeSimulator.start(settings().build())) {
            simulator.account().unstableOrder(true);
            long started = System.nanoTime();
            JsonNode far = new CubeTestClient(simulator).json(PATH + "?from_date=20170101&to_date=21161231&page=80000");
            assertEquals(10, far.get("results").size());
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "built no more than the days it serves");
        }
    }

    private static SimulatorSettings.Builder settings() {
        return SimulatorSettings.builder().today(TODAY).pageSize("responses", 10);
    }

    private static List<JsonNode> results(JsonNode page) {
        List<JsonNode> results = new ArrayList<>();
        page.get("results").forEach(results::add);
        return results;
    }
}
