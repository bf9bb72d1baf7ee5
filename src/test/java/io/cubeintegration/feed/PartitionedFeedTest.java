package io.cubeintegration.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.sink.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One feed file over every active campaign of the account (campaigns: all), against a simulator whose campaigns come
 * and go: each campaign's responses land in its own folder, enriched from its own assignment, exactly once.
 */
class PartitionedFeedTest extends CubeFeedTestSupport {

    private final String prefix = "p" + System.nanoTime() + ".";

    @Override
    protected SimulatorSettings simulatorSettings() {
        // campaigns on both assignments, one archived yesterday and one started two days ago; several pages a day
        return SimulatorSettings.builder().campaignTurnover(true).extraCampaigns(2).responsesPerDay(50)
                .customersPerAssignment(120).pageSize("responses", 20).build();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("cube.start-date", FeedWindow.CUBE_DATE.format(simulator.account().today().minusDays(1)),
                "kafka.brokers", KafkaTestBroker.bootstrapServers(), "cube.topic-prefix", prefix);
    }

    @Override
    protected void writeRouteFiles() {
        writeRouteFile("feeds.yaml", FeedYaml.feed("cube-window-feed", "responses", "campaigns/{campaign_id}/responses/",
                "campaigns", "all", "enrich", "true", "idFields", "campaign_id,crm_customer_id,submitted_when,type,subtype")
                + FeedYaml.feed("cube-window-feed", "two-campaigns", "campaigns/{campaign_id}/responses/",
                "campaigns", "926, 998", "sink", "kafka", "keyField", "crm_customer_id")
                + FeedYaml.feed("cube-window-feed", "sales-240", "campaigns/{campaign_id}/responses/",
                "campaigns", "all", "campaignFilter", "assignment__id=240&campaign__name=Produkt*,Kampanje*"));
    }

    // Every active campaign (and only those) delivers its days into its own folder, each record enriched from the
    // campaign's own assignment, equal record by record to what the simulator holds; the list is read once per
    // trigger and each assignment's customer list once, shared by its campaigns.
    @Test
    void everyActiveCampaignOnceEnrichedFromItsOwnAssignment() {
        FeedPlan plan = trigger("responses");

        assertTrue(plan.succeeded(), () -> failures(plan));
        List<Integer> active = simulator.account().activeCampaignIds();
        assertTrue(active.size() >= 5 && !active.contains(925) && active.contains(931), active.toString());
        assertEquals(new TreeSet<>(active), plan.runs().stream().map(run -> (int) run.partition().id()).collect(Collectors.toCollection(TreeSet::new)));
        for (int campaign : active) {
            assertEquals(Delivered.lines(Delivered.enriched(simulator, responses(campaign, yesterday(), today()), assignmentOf(campaign))),
                    output.lines("responses/" + campaign), "campaign " + campaign);
        }
        assertFalse(Files.exists(outDir.resolve("responses/925")), "the archived campaign is not fetched");
        FeedSpec spec = context.getRegistry().lookupByNameAndType("feedSpecs", FeedSpecs.class).find("responses").orElseThrow();
        FeedPlanner planner = context.getRegistry().lookupByNameAndType("feedPlanner", FeedPlanner.class);
        assertEquals(active.stream().map(campaign -> "responses#" + campaign).sorted().toList(),
                planner.watermarkStateKeys(spec).stream().sorted().toList(), "--reset-watermark moves every campaign's");
        assertEquals(1, simulator.journal().count(request -> request.path().equals("campaigns")));
        for (int assignment : List.of(240, 241)) {
            assertEquals(1, simulator.journal().count(request -> request.path().equals("assignments/" + assignment + "/customers/")),
                    "the customer list of assignment " + assignment + " is read once for all its campaigns");
        }
    }

    // A campaign Cube archives gets one last catch-up of its open days and is not fetched again; a campaign that
    // starts is picked up at the next trigger without any edit; over the three triggers each campaign's records are
    // in its folder exactly once.
    @Test
    void anArchivedCampaignStopsAfterItsLastCatchUpAndANewOneStarts() {
        simulator.account().responsesSoFarToday(20);
        assertTrue(trigger("responses").succeeded());

        simulator.account().archiveCampaign(927, today());
        simulator.account().addCampaign(940, "Nyttårskampanje", 241, today());
        simulator.account().responsesSoFarToday(50);
        FeedPlan second = trigger("responses");
        assertTrue(second.succeeded(), () -> failures(second));
        assertTrue(second.runs().stream().anyMatch(run -> run.partition().id() == 927 && run.partition().lastCatchUp()));
        assertTrue(second.runs().stream().anyMatch(run -> run.partition().id() == 940 && !run.partition().lastCatchUp()));

        long fetchedBefore = simulator.journal().count(request -> request.path().equals("campaigns/927/responses/"));
        FeedPlan third = trigger("responses");
        assertTrue(third.succeeded(), () -> failures(third));
        assertTrue(third.runs().stream().noneMatch(run -> run.partition().id() == 927), "927 closed after its catch-up");
        assertEquals(fetchedBefore, simulator.journal().count(request -> request.path().equals("campaigns/927/responses/")));

        for (int campaign : List.of(926, 927, 998, 931, 940, 1001, 1002)) {
            LocalDate first = campaign == 940 ? today() : yesterday();
            assertEquals(Delivered.lines(Delivered.enriched(simulator, responses(campaign, first, today()), assignmentOf(campaign))),
                    output.lines("responses/" + campaign), "campaign " + campaign);
        }
        String own = stateFile("responses");
        assertTrue(own.contains("\"927\":\"" + today() + "\""), own);
        assertTrue(own.contains("\"940\":null"), own);
    }

    // A feed over a list of campaigns publishes to its one topic, every record with its campaign's cube.campaign-id
    // header and endpoint, each campaign's records exactly those the simulator holds; each campaign keeps its own state.
    @Test
    void kafkaRecordsCarryTheirCampaign() {
        FeedPlan plan = trigger("two-campaigns");
        assertTrue(plan.succeeded(), () -> failures(plan));

        int expected = responses(926, yesterday(), today()).size() + responses(998, yesterday(), today()).size();
        Map<String, List<String>> byCampaign = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : KafkaTestBroker.readAll(prefix + "two-campaigns", expected)) {
            String campaign = header(record, "cube.campaign-id");
            assertEquals("campaigns/" + campaign + "/responses/", header(record, "cube.endpoint"));
            byCampaign.computeIfAbsent(campaign, c -> new ArrayList<>()).add(new String(record.value(), StandardCharsets.UTF_8));
        }
        assertEquals(Set.of("926", "998"), byCampaign.keySet());
        for (int campaign : List.of(926, 998)) {
            assertEquals(Delivered.lines(responses(campaign, yesterday(), today())).stream().sorted().toList(),
                    byCampaign.get(Integer.toString(campaign)).stream().sorted().toList(), "campaign " + campaign);
            assertTrue(Files.exists(stateDir.resolve("two-campaigns#" + campaign + "@" + prefix + "two-campaigns.state.json")));
        }
    }

    // The campaign filter narrows all to the active campaigns whose fields match: assignment 240, names by pattern.
    @Test
    void theCampaignFilterNarrowsAll() {
        FeedPlan plan = trigger("sales-240");
        assertTrue(plan.succeeded(), () -> failures(plan));
        assertEquals(Set.of(926L, 1001L), plan.runs().stream().map(run -> run.partition().id()).collect(Collectors.toSet()));
        // the start-up summary's line says what the feed runs over
        assertEquals(", for campaigns all matching assignment__id=240&campaign__name=Produkt*,Kampanje*",
                context.getRegistry().lookupByNameAndType("feedSpecs", FeedSpecs.class).find("sales-240")
                        .orElseThrow().partitionDescription());
    }

    private LocalDate today() {
        return simulator.account().today();
    }

    private LocalDate yesterday() {
        return today().minusDays(1);
    }

    private List<ObjectNode> responses(int campaign, LocalDate from, LocalDate to) {
        List<ObjectNode> records = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            records.addAll(simulator.account().records("campaigns/" + campaign + "/responses/", Delivered.window(day, day)));
        }
        return records;
    }

    private int assignmentOf(int campaign) {
        return simulator.account().campaigns().stream().filter(c -> c.get("campaign__id").asInt() == campaign)
                .findFirst().orElseThrow().get("assignment__id").asInt();
    }

    private String stateFile(String key) {
        try {
            return Files.readString(stateDir.resolve(key + ".state.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String failures(FeedPlan plan) {
        return plan.runs().stream().filter(run -> !run.isSucceeded()).map(run -> run + ": " + run.failure()).toList().toString();
    }
}
