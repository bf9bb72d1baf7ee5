package io.cubeintegration.enrich;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.cube.CubeClient;
import io.cubeintegration.cube.CubePage;
import io.cubeintegration.cube.CubePager;
import io.cubeintegration.cube.PagedRequest;
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
                      - name: enrichPlan
                        value: lookup
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
                      - name: enrichPlan
                        value: lookup
                - templatedRoute:
                    routeTemplateRef: cube-window-feed
                    routeId: enriched-bulk
                    parameters:
                      - name: feedId
                        value: enriched-bulk
                      - name: path
                        value: "campaigns/%d/responses/"
                      - name: enrich
                        value: "true"
                - templatedRoute:
                    routeTemplateRef: cube-window-feed
                    routeId: outcomes-with-customers
                    parameters:
                      - name: feedId
                        value: outcomes-with-customers
                      - name: path
                        value: "campaigns/%d/call_outcomes/"
                      - name: enrich
                        value: "true"
                      - name: customerIdField
                        value: crm__customer_id
                      - name: customerKeyField
                        value: crm__customer_id
                """.formatted(campaign, campaign, simulator.account().defaultAssignmentId(), campaign, campaign));
    }

    // Every response carries its customer (null for a 404); each customer is fetched exactly once per run;
    // the assignment comes from the campaigns list, asked once.
    @Test
    void eachCustomerIsFetchedOncePerRun() {
        int assignment = simulator.account().defaultAssignmentId();
        List<ObjectNode> responses = Delivered.responsesOfToday(simulator);
        Set<Long> customers = responses.stream().map(r -> r.get("crm_customer_id").asLong()).collect(Collectors.toSet());
        assertTrue(customers.size() < responses.size(), "customers repeat across responses");

        FeedRun run = run("enriched");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        List<ObjectNode> expected = Delivered.enriched(simulator, responses, assignment);
        assertEquals(Delivered.lines(expected), output.onlyFileLines("enriched"));
        for (long customer : customers) {
            assertEquals(1, simulator.journal().count(lookupOf(assignment, customer)), "lookups of customer " + customer);
        }
        assertEquals(customers.size(), simulator.journal().count(anyLookup(assignment)));
        long missing = expected.stream().filter(r -> r.get("customer").isNull())
                .map(r -> r.get("crm_customer_id").asLong()).distinct().count();
        assertTrue(missing > 0, "some responses name a customer Cube does not have");
        assertEquals(missing, run.enrichment().customersNotFound());
        assertEquals(customers.size() + " customers looked up, " + missing + " not found", run.enrichment().customersFetched());
        assertEquals(1, simulator.journal().count(r -> r.path().equals("campaigns")));
    }

    // The plan is chosen under the run's lock while it waits for the enrichment's start, and the start looks the
    // assignment up: the start must finish while that lock is held (it deadlocked on a busy machine when the plan
    // took the lock first); the page then comes out with every customer.
    @Test
    void theStartFinishesWhileThePlanHoldsTheRun() throws Exception {
        CubePager pager = context.getRegistry().lookupByNameAndType("cubePager", CubePager.class);
        CubeClient client = context.getRegistry().lookupByNameAndType("cubeClient", CubeClient.class);
        ExecutorService lookups = Executors.newFixedThreadPool(2);
        try {
            CustomerEnricher enricher = new CustomerEnricher(client, pager, JSON, lookups, new CampaignDirectory(pager, "campaigns"), java.time.Duration.ZERO);
            int campaign = simulator.account().defaultCampaignId();
            RunEnrichment run = new RunEnrichment(new EnrichmentSettings("held", "auto", "crm_customer_id",
                    "assignments/{assignment_id}/customers/{customer_id}", "assignments/{assignment_id}/customers/", "id",
                    campaign, null, 1), null, () -> { });
            LocalDate today = simulator.account().today();
            CubePage page = pager.pagesOnDemand(new Responses("campaigns/" + campaign + "/responses/", Delivered.window(today, today))).next();
            List<ObjectNode> originals = page.records().stream().map(ObjectNode::deepCopy).toList();

            synchronized (run) {
                enricher.start(run);
                run.start().get(20, TimeUnit.SECONDS);
            }
            CubePage enriched = enricher.enrich(page, run);

            assertEquals(Delivered.lines(Delivered.enriched(simulator, originals, simulator.account().defaultAssignmentId())),
                    Delivered.lines(enriched.records()));
        } finally {
            lookups.shutdownNow();
        }
    }

    /** One window of a campaign's responses, paged for the test. */
    private record Responses(String path, Map<String, String> query) implements PagedRequest {
        @Override
        public String feedId() {
            return "slow-pool";
        }

        @Override
        public void pageFetched(CubePage page) {
            // nothing to count
        }
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
        assertEquals(Delivered.lines(Delivered.enriched(simulator, Delivered.responsesOfToday(simulator), assignment)),
                output.onlyFileLines("enriched-known-assignment"));
    }

    private static Predicate<RecordedRequest> lookupOf(int assignment, long customer) {
        return r -> r.path().equals("assignments/" + assignment + "/customers/" + customer);
    }

    private static Predicate<RecordedRequest> anyLookup(int assignment) {
        return r -> r.path().matches("assignments/" + assignment + "/customers/\\d+");
    }

    // Where the assignment's customer list costs fewer requests than the lookups, auto loads it once, paged, into an
    // index: the same output, no single-customer request.
    @Test
    void bulkPlanLoadsTheCustomerListOnce() {
        int assignment = simulator.account().defaultAssignmentId();

        FeedRun run = run("enriched-bulk");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertEquals(Delivered.lines(Delivered.enriched(simulator, Delivered.responsesOfToday(simulator), assignment)),
                output.onlyFileLines("enriched-bulk"));
        assertEquals(0, simulator.journal().count(anyLookup(assignment)), "no single-customer lookups");
        assertEquals(1, simulator.journal().count(r -> r.path().equals("assignments/" + assignment + "/customers/")),
                "the list's one page (of 40) both chooses the plan and fills the index");
        int listed = simulator.account().records("assignments/" + assignment + "/customers/", Map.of()).size();
        assertTrue(run.enrichment().customersFetched().startsWith(listed + " customers from 1 list page, "), run.enrichment().customersFetched());
    }

    // Call outcomes carry the imported crm__customer_id, which no single-customer URL takes: the bulk plan joins them.
    @Test
    void bulkPlanJoinsCallOutcomesOnTheImportedId() {
        int assignment = simulator.account().defaultAssignmentId();
        Map<String, ObjectNode> byImportedId = new java.util.HashMap<>();
        simulator.account().records("assignments/" + assignment + "/customers/", Map.of())
                .forEach(customer -> byImportedId.put(customer.get("crm__customer_id").asText(), customer));
        java.time.LocalDate today = simulator.account().today();
        List<ObjectNode> expected = simulator.account().records("campaigns/" + simulator.account().defaultCampaignId()
                + "/call_outcomes/", Delivered.window(today, today)).stream().map(outcome -> {
                    ObjectNode copy = outcome.deepCopy();
                    copy.set("customer", byImportedId.get(outcome.get("crm__customer_id").asText()));
                    return copy;
                }).toList();

        FeedRun run = run("outcomes-with-customers");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertTrue(expected.stream().noneMatch(outcome -> outcome.get("customer") == null), "every outcome has its customer");
        assertEquals(Delivered.lines(expected), output.onlyFileLines("outcomes-with-customers"));
    }
}
