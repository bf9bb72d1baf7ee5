package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Responses that change after Cube served them: filed late, edited in place, deleted; seen over HTTP and by records(). */
class SimulatorChangingDaysTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 3, 15);
    private static final LocalDate DAY = TODAY.minusDays(1);
    private static final int CAMPAIGN = 926;
    private static final String PATH = "campaigns/" + CAMPAIGN + "/responses/";
    private static final DateTimeFormatter QUERY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final List<String> IDENTITY = List.of("campaign_id", "crm_customer_id", "submitted_when", "type", "subtype");

    // a late filing at position 3 is served there; page 1's last record opens page 2; count and pages grow by one
    @Test
    void lateFilingShiftsEveryLaterRecordOnePlace() {
        try (CubeSimulator simulator = start(settings())) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            List<ObjectNode> before = account.records(PATH, window(DAY, DAY));
            List<JsonNode> firstPageBefore = results(client.json(query(DAY, DAY)));
            assertEquals(before.subList(0, 10), firstPageBefore);

            ObjectNode filed = account.fileResponseLate(CAMPAIGN, DAY, 3);

            JsonNode first = client.json(query(DAY, DAY));
            JsonNode second = client.json(query(DAY, DAY) + "&page=2");
            assertEquals(121, first.get("count").asInt());
            assertEquals(121, second.get("count").asInt());
            assertEquals(filed, first.get("results").get(3));
            assertEquals(firstPageBefore.get(9), second.get("results").get(0), "page 1's last record opens page 2");
            List<ObjectNode> expected = new ArrayList<>(before);
            expected.add(3, filed);
            assertEquals(expected.subList(0, 10), results(first));
            assertEquals(expected.subList(10, 20), results(second));
            assertEquals(expected, account.records(PATH, window(DAY, DAY)));
            assertEquals(account.records(PATH, window(DAY, DAY)), client.walk(query(DAY, DAY)), "records() is the pages one after another");
            assertEquals(List.of(before.get(119)), results(client.json(query(DAY, DAY) + "&page=13")));
            assertEquals(404, client.get(query(DAY, DAY) + "&page=14").statusCode());

            // the filed record: shaped as the others, of the campaign, the day and one of its customers, an identity of its own
            assertEquals(fieldNames(before.get(0)), fieldNames(filed));
            assertEquals(CAMPAIGN, filed.get("campaign_id").asInt());
            assertEquals(DAY, Instant.parse(filed.get("submitted_when").asText()).atZone(ZoneId.of("Europe/Oslo")).toLocalDate());
            Set<String> campaignCustomers = account.records("campaigns/" + CAMPAIGN + "/callflow_customers/", Map.of()).stream()
                    .map(customer -> customer.get("crm__customer_id").asText()).collect(Collectors.toSet());
            assertTrue(campaignCustomers.contains(filed.get("external_customer_id").asText()), filed.toString());
            assertEquals(filed.get("customer_name"), account.customer(240, filed.get("crm_customer_id").asLong()).orElseThrow().get("crm__standard_info__name"));
            assertEquals(121, expected.stream().map(SimulatorChangingDaysTest::identity).collect(Collectors.toSet()).size());
        }
    }

    // an edit keeps the record's place and identity and changes its comment, a new text each time; nothing else changes
    @Test
    void editChangesTheCommentInPlace() {
        try (CubeSimulator simulator = start(settings())) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            List<ObjectNode> before = account.records(PATH, window(DAY, DAY));

            ObjectNode edited = account.editResponse(CAMPAIGN, DAY, 12);
            assertEquals(edited, client.json(query(DAY, DAY) + "&page=2").get("results").get(2));
            ObjectNode again = account.editResponse(CAMPAIGN, DAY, 12);

            List<JsonNode> served = client.walk(query(DAY, DAY));
            assertEquals(120, served.size());
            for (int position = 0; position < 120; position++) {
                assertEquals(position == 12 ? again : before.get(position), served.get(position), "position " + position);
            }
            assertEquals(served, account.records(PATH, window(DAY, DAY)));
            assertEquals(identity(before.get(12)), identity(again));
            Set<String> comments = Set.of(before.get(12).get("comment").asText(), edited.get("comment").asText(), again.get("comment").asText());
            assertEquals(3, comments.size(), "a new comment each time: " + comments);
            ObjectNode withoutComment = again.deepCopy();
            withoutComment.set("comment", before.get(12).get("comment"));
            assertEquals(before.get(12), withoutComment, "only the comment changed");
        }
    }

    // a deleted record is gone, every later one moves one place back, across pages, and count shrinks by one
    @Test
    void deletionMovesEveryLaterRecordBack() {
        try (CubeSimulator simulator = start(settings())) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            List<ObjectNode> before = account.records(PATH, window(DAY, DAY));

            ObjectNode deleted = account.deleteResponse(CAMPAIGN, DAY, 10);

            assertEquals(before.get(10), deleted);
            JsonNode second = client.json(query(DAY, DAY) + "&page=2");
            assertEquals(119, second.get("count").asInt());
            assertEquals(before.subList(11, 21), results(second));
            List<ObjectNode> expected = new ArrayList<>(before);
            expected.remove(10);
            List<JsonNode> served = client.walk(query(DAY, DAY));
            assertEquals(expected, served);
            assertEquals(expected, account.records(PATH, window(DAY, DAY)));
            assertFalse(served.contains(deleted));
            assertEquals(before.subList(111, 120), results(client.json(query(DAY, DAY) + "&page=12")), "12 pages, the last of 9");
            assertEquals(404, client.get(query(DAY, DAY) + "&page=13").statusCode());
        }
    }

    // growing today after a late filing and an edit keeps both at their positions and appends the new records at the end
    @Test
    void growthAfterChangesAppendsAtTheEnd() {
        try (CubeSimulator simulator = start(settings()); CubeSimulator unchanged = start(settings())) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            account.responsesSoFarToday(20);
            unchanged.account().responsesSoFarToday(40);
            List<ObjectNode> generated = unchanged.account().records(PATH, window(TODAY, TODAY));
            assertEquals(generated.subList(0, 20), account.records(PATH, window(TODAY, TODAY)));

            ObjectNode filed = account.fileResponseLate(CAMPAIGN, TODAY, 5);
            ObjectNode edited = account.editResponse(CAMPAIGN, TODAY, 20);
            assertEquals(identity(generated.get(19)), identity(edited), "position 20 held the 20th record after the filing");
            account.responsesSoFarToday(40);

            List<ObjectNode> expected = new ArrayList<>(generated);
            expected.add(5, filed);
            expected.set(20, edited);
            assertEquals(41, expected.size());
            assertEquals(expected, client.walk(query(TODAY, TODAY)));
            assertEquals(expected, account.records(PATH, window(TODAY, TODAY)));
            assertEquals(generated.subList(20, 40), expected.subList(21, 41), "the new records after the changed ones");
        }
    }

    // a position outside the day's list is refused naming it, and refused changes change nothing; the end appends
    @Test
    void positionOutOfRangeIsRefused() {
        try (CubeSimulator simulator = start(settings())) {
            SimulatedAccount account = simulator.account();
            List<ObjectNode> before = account.records(PATH, window(DAY, DAY));
            int revision = account.revision();
            List<Refusal> refusals = List.of(
                    new Refusal(120, () -> account.editResponse(CAMPAIGN, DAY, 120)),
                    new Refusal(120, () -> account.deleteResponse(CAMPAIGN, DAY, 120)),
                    new Refusal(-1, () -> account.editResponse(CAMPAIGN, DAY, -1)),
                    new Refusal(121, () -> account.fileResponseLate(CAMPAIGN, DAY, 121)),
                    new Refusal(-1, () -> account.fileResponseLate(CAMPAIGN, DAY, -1)));
            for (Refusal refusal : refusals) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, refusal.change());
                assertTrue(refused.getMessage().startsWith("Position " + refusal.position() + " "), refused.getMessage());
            }
            assertEquals(before, account.records(PATH, window(DAY, DAY)));
            assertEquals(revision, account.revision());
            assertThrows(IllegalArgumentException.class, () -> account.editResponse(4711, DAY, 0), "an unknown campaign");
            assertThrows(IllegalArgumentException.class, () -> account.editResponse(CAMPAIGN, LocalDate.of(2016, 12, 31), 0),
                    "a day before the campaign's start");

            ObjectNode last = account.fileResponseLate(CAMPAIGN, DAY, 120);
            List<ObjectNode> expected = new ArrayList<>(before);
            expected.add(last);
            assertEquals(expected, new CubeTestClient(simulator).walk(query(DAY, DAY)));
            assertEquals(revision + 1, account.revision());
        }
    }

    // response_type filters a changed day by each record's type, and a window of days serves the unchanged days around it as before
    @Test
    void filterAndWindowServeTheChangedDay() {
        try (CubeSimulator simulator = start(settings())) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            LocalDate from = DAY.minusDays(1);
            List<ObjectNode> before = account.records(PATH, window(from, TODAY));
            assertEquals(360, before.size());
            List<ObjectNode> day = new ArrayList<>(before.subList(120, 240));
            int firstSale = indexOfType(day, "Sale");
            assertEquals(day.get(firstSale), account.deleteResponse(CAMPAIGN, DAY, firstSale));
            day.remove(firstSale);
            ObjectNode filed = account.fileResponseLate(CAMPAIGN, DAY, 0);
            day.add(0, filed);
            ObjectNode edited = account.editResponse(CAMPAIGN, DAY, 30);
            day.set(30, edited);

            List<ObjectNode> expected = new ArrayList<>(before.subList(0, 120));
            expected.addAll(day);
            expected.addAll(before.subList(240, 360));
            assertEquals(expected, client.walk(query(from, TODAY)));
            assertEquals(expected, account.records(PATH, window(from, TODAY)));
            for (String type : List.of("Sale", "No sale", filed.get("type").asText(), edited.get("type").asText())) {
                List<ObjectNode> ofType = expected.stream().filter(response -> response.get("type").asText().equals(type)).toList();
                Map<String, String> filtered = new HashMap<>(window(from, TODAY));
                filtered.put("response_type", type);
                assertEquals(ofType, account.records(PATH, filtered), type);
                assertEquals(ofType, client.walk(query(from, TODAY) + "&response_type=" + type.replace(" ", "%20")), type);
            }
        }
    }

    // with cached answers every change is served at once, as each bumps the revision the cache is keyed by
    @Test
    void cachedAnswersFollowEveryChange() {
        try (CubeSimulator simulator = start(settings().cacheAnswers(true))) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            List<JsonNode> page = results(client.json(query(DAY, DAY)));
            assertEquals(page, results(client.json(query(DAY, DAY))));

            ObjectNode filed = account.fileResponseLate(CAMPAIGN, DAY, 0);
            List<JsonNode> afterFiling = results(client.json(query(DAY, DAY)));
            assertEquals(filed, afterFiling.get(0));
            assertEquals(page.subList(0, 9), afterFiling.subList(1, 10));

            ObjectNode edited = account.editResponse(CAMPAIGN, DAY, 0);
            List<JsonNode> afterEdit = results(client.json(query(DAY, DAY)));
            assertEquals(edited, afterEdit.get(0));
            assertEquals(afterFiling.subList(1, 10), afterEdit.subList(1, 10));

            account.deleteResponse(CAMPAIGN, DAY, 0);
            assertEquals(page, results(client.json(query(DAY, DAY))));
        }
    }

    // requests served while late filings go on each see one version: a page's count names the version its records are of
    @Test
    void concurrentRequestsSeeOneVersionEach() {
        try (CubeSimulator simulator = start(settings())) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            Map<Integer, List<ObjectNode>> firstPages = new ConcurrentHashMap<>();
            firstPages.put(120, account.records(PATH, window(DAY, DAY)).subList(0, 10));
            CompletableFuture<Void> filings = CompletableFuture.runAsync(() -> {
                for (int filing = 0; filing < 40; filing++) {
                    account.fileResponseLate(CAMPAIGN, DAY, filing % 7);
                    // only this thread changes the day, so what records() shows now is the version of this count
                    firstPages.put(121 + filing, account.records(PATH, window(DAY, DAY)).subList(0, 10));
                    // leave the requests time to come between the filings
                    LockSupport.parkNanos(5_000_000);
                }
            });
            List<CompletableFuture<HttpResponse<byte[]>>> pages = new ArrayList<>();
            while (!filings.isDone()) {
                for (int request = 0; request < 8; request++) {
                    pages.add(client.getAsync(query(DAY, DAY)));
                }
                pages.forEach(CompletableFuture::join);
            }
            filings.join();
            Set<Integer> versions = new HashSet<>();
            for (CompletableFuture<HttpResponse<byte[]>> response : pages) {
                JsonNode page = CubeTestClient.parse(response.join().body());
                int count = page.get("count").asInt();
                versions.add(count);
                assertEquals(firstPages.get(count), results(page), "version of " + count);
            }
            assertTrue(versions.size() > 1, "requests overlapped changes: " + versions);
            assertEquals(160, client.json(query(DAY, DAY)).get("count").asInt());
        }
    }

    private static SimulatorSettings.Builder settings() {
        return SimulatorSettings.builder().today(TODAY).pageSize("responses", 10);
    }

    private static CubeSimulator start(SimulatorSettings.Builder settings) {
        return CubeSimulator.start(settings.build());
    }

    private static String query(LocalDate from, LocalDate to) {
        return PATH + "?from_date=" + from.format(QUERY) + "&to_date=" + to.format(QUERY);
    }

    private static Map<String, String> window(LocalDate from, LocalDate to) {
        return Map.of("from_date", from.format(QUERY), "to_date", to.format(QUERY));
    }

    private static List<JsonNode> results(JsonNode page) {
        List<JsonNode> results = new ArrayList<>();
        page.get("results").forEach(results::add);
        return results;
    }

    private static List<String> identity(JsonNode response) {
        return IDENTITY.stream().map(field -> response.get(field).asText()).toList();
    }

    private static int indexOfType(List<ObjectNode> responses, String type) {
        for (int index = 0; index < responses.size(); index++) {
            if (responses.get(index).get("type").asText().equals(type)) {
                return index;
            }
        }
        throw new AssertionError("no " + type + " among " + responses.size());
    }

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Refusal(int position, Executable change) {
    }
}
