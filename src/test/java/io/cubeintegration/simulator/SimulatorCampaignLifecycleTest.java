package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Campaigns that start and end: their dates in GET campaigns, and activity only on the days between them. */
class SimulatorCampaignLifecycleTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 3, 15);
    private static final DateTimeFormatter QUERY = DateTimeFormatter.BASIC_ISO_DATE;

    // with turnover, 925 is archived yesterday and inactive, 931 started two days ago and active, the defaults unchanged
    @Test
    void campaignsListReportsStartArchivingAndActivity() {
        try (CubeSimulator simulator = start(SimulatorSettings.builder().today(TODAY).campaignTurnover(true))) {
            SimulatedAccount account = simulator.account();
            JsonNode served = new CubeTestClient(simulator).json("client_access/campaigns");
            assertEquals(account.campaigns(), elements(served));

            JsonNode summer = byId(served, 925);
            assertEquals("Sommerkampanje", summer.get("campaign__name").asText());
            assertEquals(240, summer.get("assignment__id").asInt());
            assertEquals("2017-01-01", summer.get("campaign__start_date").asText());
            assertEquals(TODAY.minusDays(1).toString(), summer.get("campaign__archived_date").asText());
            assertTrue(summer.get("campaign__end_date").isNull());
            assertFalse(summer.get("campaign__is_active").asBoolean());

            JsonNode christmas = byId(served, 931);
            assertEquals(241, christmas.get("assignment__id").asInt());
            assertEquals(TODAY.minusDays(2).toString(), christmas.get("campaign__start_date").asText());
            assertTrue(christmas.get("campaign__archived_date").isNull());
            assertTrue(christmas.get("campaign__is_active").asBoolean());

            try (CubeSimulator plain = start(SimulatorSettings.builder().today(TODAY))) {
                List<ObjectNode> defaults = plain.account().campaigns();
                assertEquals(defaults, account.campaigns().subList(0, 3), "the default three come first, as they were");
                defaults.forEach(campaign -> assertTrue(campaign.get("campaign__archived_date").isNull()
                        && campaign.get("campaign__is_active").asBoolean()));
            }
            assertEquals(List.of(926, 927, 998, 931), account.activeCampaignIds());
        }
    }

    // an archived campaign's responses end on its archived day, a new one's begin on its start day, the days between whole
    @Test
    void activityRunsFromStartDayToArchivedDay() {
        try (CubeSimulator simulator = start(SimulatorSettings.builder().today(TODAY).campaignTurnover(true))) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            LocalDate from = TODAY.minusDays(4);
            for (int campaign : List.of(925, 931)) {
                ObjectNode listed = account.campaigns().stream().filter(c -> c.get("campaign__id").asInt() == campaign).findFirst().orElseThrow();
                LocalDate start = LocalDate.parse(listed.get("campaign__start_date").asText());
                LocalDate archived = listed.get("campaign__archived_date").isNull() ? null : LocalDate.parse(listed.get("campaign__archived_date").asText());
                String path = "campaigns/" + campaign + "/responses/";
                List<ObjectNode> expected = new ArrayList<>();
                for (LocalDate day = from; !day.isAfter(TODAY); day = day.plusDays(1)) {
                    List<ObjectNode> ofDay = account.records(path, window(day, day));
                    boolean runs = !day.isBefore(start) && (archived == null || !day.isAfter(archived));
                    assertEquals(runs, !ofDay.isEmpty(), campaign + " on " + day);
                    String date = day.toString();
                    ofDay.forEach(response -> assertTrue(response.get("submitted_when").asText().startsWith(date), response.toString()));
                    expected.addAll(ofDay);
                }
                assertEquals(expected, client.walk(path + "?from_date=" + from.format(QUERY) + "&to_date=" + TODAY.format(QUERY)), "" + campaign);
            }
            assertEquals(List.of(), account.records("campaigns/926/responses/", window(LocalDate.of(1950, 1, 1), LocalDate.of(2016, 12, 31))),
                    "nothing before the default campaigns' start");
        }
    }

    // in the data-owner and account-wide listings each campaign's call outcomes and sales are there only on its days
    @Test
    void listingsOverSeveralCampaignsFollowEachCampaignsDays() {
        try (CubeSimulator simulator = start(SimulatorSettings.builder().today(TODAY).campaignTurnover(true))) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            LocalDate from = TODAY.minusDays(4);
            String window = "?from_date=" + from.format(QUERY) + "&to_date=" + TODAY.format(QUERY);
            List<JsonNode> everyOutcome = client.walk("call_outcomes/" + window);
            for (ObjectNode listed : account.campaigns()) {
                int campaign = listed.get("campaign__id").asInt();
                int owner = listed.get("assignment__id").asInt();
                // each campaign's own listing is the oracle: the combined ones hold exactly its records
                List<ObjectNode> own = account.records("campaigns/" + campaign + "/product_registrations/", window(from, TODAY));
                assertEquals(own, client.walk("data_owners/" + owner + "/crm/B2C/product_registrations/" + window).stream()
                        .filter(sale -> sale.get("campaign__id").asInt() == campaign).toList(), "sales of " + campaign);
                Set<String> days = new TreeSet<>();
                everyOutcome.stream().filter(outcome -> outcome.get("campaign__id").asInt() == campaign)
                        .forEach(outcome -> days.add(outcome.get("call_outcome__report_as__submitted_when_timestamp").asText().substring(0, 10)));
                Set<String> ownDays = new TreeSet<>();
                account.records("campaigns/" + campaign + "/call_outcomes/", window(from, TODAY))
                        .forEach(outcome -> ownDays.add(outcome.get("response_submitted_when").asText().substring(0, 10)));
                assertEquals(ownDays, days, "days of " + campaign);
            }
            assertEquals(Set.of("2024-03-11", "2024-03-12", "2024-03-13", "2024-03-14"), days(account, 925, from));
            assertEquals(Set.of("2024-03-13", "2024-03-14", "2024-03-15"), days(account, 931, from));
        }
    }

    // archiving and adding at runtime show at once in GET campaigns and responses, cached or not; held records stay as they were
    @Test
    void archiveAndAddAtRuntime() {
        try (CubeSimulator simulator = start(SimulatorSettings.builder().today(TODAY).cacheAnswers(true))) {
            SimulatedAccount account = simulator.account();
            CubeTestClient client = new CubeTestClient(simulator);
            LocalDate yesterday = TODAY.minusDays(1);
            String window = "?from_date=" + yesterday.format(QUERY) + "&to_date=" + TODAY.format(QUERY);
            List<JsonNode> before = client.walk("campaigns/926/responses/" + window);
            assertTrue(byId(client.json("campaigns"), 926).get("campaign__is_active").asBoolean());

            account.archiveCampaign(926, yesterday);
            JsonNode archived = byId(client.json("campaigns"), 926);
            assertEquals(yesterday.toString(), archived.get("campaign__archived_date").asText());
            assertFalse(archived.get("campaign__is_active").asBoolean());
            assertEquals(before.stream().filter(response -> response.get("submitted_when").asText().startsWith(yesterday.toString())).toList(),
                    client.walk("campaigns/926/responses/" + window), "yesterday's responses as they were, none today");

            account.addCampaign(1500, "Vårkampanje", 241, TODAY);
            JsonNode added = byId(client.json("campaigns"), 1500);
            assertEquals("Vårkampanje", added.get("campaign__name").asText());
            assertEquals(241, added.get("assignment__id").asInt());
            assertEquals(TODAY.toString(), added.get("campaign__start_date").asText());
            assertTrue(added.get("campaign__is_active").asBoolean());
            List<ObjectNode> today = account.records("campaigns/1500/responses/", window(TODAY, TODAY));
            assertFalse(today.isEmpty());
            assertEquals(today, client.walk("campaigns/1500/responses/" + window), "from its start day only");
            assertEquals(List.of(927, 998, 1500), account.activeCampaignIds());

            assertThrows(IllegalArgumentException.class, () -> account.addCampaign(1500, "Igjen", 241, TODAY));
            assertThrows(IllegalArgumentException.class, () -> account.addCampaign(1501, "Ukjent", 999, TODAY));
            assertThrows(IllegalArgumentException.class, () -> account.archiveCampaign(1500, yesterday));
            assertThrows(IllegalArgumentException.class, () -> account.archiveCampaign(4711, TODAY));
        }
    }

    // archiving as of today keeps today's records and makes the campaign inactive today
    @Test
    void archivingTodayKeepsTodaysRecords() {
        try (CubeSimulator simulator = start(SimulatorSettings.builder().today(TODAY))) {
            SimulatedAccount account = simulator.account();
            List<ObjectNode> before = account.records("campaigns/998/sms/", Map.of());
            account.archiveCampaign(998, TODAY);
            assertFalse(before.isEmpty());
            assertEquals(before, account.records("campaigns/998/sms/", Map.of()));
            assertEquals(List.of(), account.records("campaigns/998/sms/", window(TODAY.plusDays(1), TODAY.plusDays(1))));
            assertEquals(List.of(926, 927), account.activeCampaignIds());
        }
    }

    // extraCampaigns(17) gives ids 1001-1017 alternating between 240 and 241, active, each with its own responses
    @Test
    void extraCampaignsAlternateBetweenAssignments() {
        try (CubeSimulator simulator = start(SimulatorSettings.builder().today(TODAY).extraCampaigns(17).responsesPerDay(500))) {
            SimulatedAccount account = simulator.account();
            List<Integer> extras = IntStream.rangeClosed(1001, 1017).boxed().toList();
            List<Integer> expectedIds = new ArrayList<>(List.of(926, 927, 998));
            expectedIds.addAll(extras);
            assertEquals(expectedIds, account.activeCampaignIds());
            JsonNode served = new CubeTestClient(simulator).json("campaigns");
            for (int id : extras) {
                JsonNode campaign = byId(served, id);
                assertEquals("Kampanje " + id, campaign.get("campaign__name").asText());
                assertEquals(id % 2 == 1 ? 240 : 241, campaign.get("assignment__id").asInt());
                assertEquals("2017-01-01", campaign.get("campaign__start_date").asText());
            }
            CubeTestClient client = new CubeTestClient(simulator);
            List<JsonNode> last = client.walk("campaigns/1017/responses/?from_date=20240314&to_date=20240314");
            assertEquals(account.records("campaigns/1017/responses/", window(TODAY.minusDays(1), TODAY.minusDays(1))), last);
            last.forEach(response -> assertEquals(1017, response.get("campaign_id").asInt()));
            assertFalse(last.equals(client.walk("campaigns/1016/responses/?from_date=20240314&to_date=20240314")));
            assertThrows(IllegalArgumentException.class, () -> SimulatorSettings.builder().extraCampaigns(-1));
            assertThrows(IllegalArgumentException.class, () -> SimulatorSettings.builder().extraCampaigns(9_000));
        }
    }

    private static Set<String> days(SimulatedAccount account, int campaign, LocalDate from) {
        Set<String> days = new TreeSet<>();
        account.records("call_outcomes/", window(from, TODAY)).stream().filter(outcome -> outcome.get("campaign__id").asInt() == campaign)
                .forEach(outcome -> days.add(outcome.get("call_outcome__report_as__submitted_when_timestamp").asText().substring(0, 10)));
        return days;
    }

    private static CubeSimulator start(SimulatorSettings.Builder settings) {
        return CubeSimulator.start(settings.build());
    }

    private static Map<String, String> window(LocalDate from, LocalDate to) {
        return Map.of("from_date", from.format(QUERY), "to_date", to.format(QUERY));
    }

    private static JsonNode byId(JsonNode campaigns, int id) {
        for (JsonNode campaign : campaigns) {
            if (campaign.get("campaign__id").asInt() == id) {
                return campaign;
            }
        }
        throw new AssertionError("no campaign " + id + " in " + campaigns);
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }
}
