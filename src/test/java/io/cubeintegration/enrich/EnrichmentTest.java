package io.cubeintegration.enrich;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.simulator.RecordedRequest;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Enrichment of responses with their customer records: once per customer, bounded concurrency, 404s kept. */
class EnrichmentTest extends CubeFeedTestSupport {

    private static final int CONCURRENCY = 3;

    @Override
    protected SimulatorSettings simulatorSettings() {
        // few customers, many responses: most customers are named by several responses, across pages
        return SimulatorSettings.builder().customersPerAssignment(40).responsesPerDay(150).missingCustomerEvery(10)
                .latencyMillis(15).build();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("cube.lookup-concurrency", Integer.toString(CONCURRENCY));
    }

    @Override
    protected void writeRouteFiles() {
        int campaign = simulator.account().defaultCampaignId();
        writeRouteFile("enriched.yaml", """
                - templatedRoute:
                    routeTemplateRef: cube-window-feed
                    routeId: enriched
                    parameters:
                      - name: feedId
                        value: enriched
                      - name: path
                        value: "campaigns/%d/responses/"
                      - name: enrich
                        value: "true"
                - templatedRoute:
                    routeTemplateRef: cube-window-feed
                    routeId: enriched-known-assignment
                    parameters:
                      - name: feedId
                        value: enriched-known-assignment
                      - name: path
                        value: "campaigns/%d/responses/"
                      - name: enrich
                        value: "true"
                      - name: assignmentId
                        value: "%d"
                """.formatted(campaign, campaign, simulator.account().defaultAssignmentId()));
    }

    // Every response carries its customer (null for a 404); each customer is fetched exactly once per run;
    // the assignment comes from the campaigns list, asked once.
    @Test
    void eachCustomerIsFetchedOncePerRun() {
        int assignment = simulator.account().defaultAssignmentId();
        List<ObjectNode> responses = responsesOfToday();
        Set<Long> customers = responses.stream().map(r -> r.get("crm_customer_id").asLong()).collect(Collectors.toSet());
        assertTrue(customers.size() < responses.size(), "customers repeat across responses");

        FeedRun run = run("enriched");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        List<ObjectNode> expected = enriched(responses, assignment);
        assertEquals(jsonLines(expected), outputLines("enriched"));
        for (long customer : customers) {
            assertEquals(1, simulator.journal().count(lookupOf(assignment, customer)), "lookups of customer " + customer);
        }
        assertEquals(customers.size(), simulator.journal().count(anyLookup(assignment)));
        long missing = expected.stream().filter(r -> r.get("customer").isNull())
                .map(r -> r.get("crm_customer_id").asLong()).distinct().count();
        assertTrue(missing > 0, "some responses name a customer Cube does not have");
        assertEquals(missing, run.customersNotFound());
        assertEquals(1, simulator.journal().count(r -> r.path().equals("campaigns")));
    }

    // Lookups of a page overlap, but never more than cube.lookup-concurrency at once.
    @Test
    void lookupConcurrencyIsBoundedBySetting() {
        int assignment = simulator.account().defaultAssignmentId();

        FeedRun run = run("enriched-known-assignment");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        int inFlight = simulator.journal().maxInFlight(anyLookup(assignment));
        assertTrue(inFlight > 1 && inFlight <= CONCURRENCY, "at most " + CONCURRENCY + " at once, saw " + inFlight);
        assertEquals(0, simulator.journal().count(r -> r.path().equals("campaigns")), "the feed named its assignment");
        assertEquals(jsonLines(enriched(responsesOfToday(), assignment)), outputLines("enriched-known-assignment"));
    }

    private static Predicate<RecordedRequest> lookupOf(int assignment, long customer) {
        return r -> r.path().equals("assignments/" + assignment + "/customers/" + customer);
    }

    private static Predicate<RecordedRequest> anyLookup(int assignment) {
        return r -> r.path().matches("assignments/" + assignment + "/customers/\\d+");
    }
}
