package io.cubeintegration.enrich;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.cube.CubeApiException;
import io.cubeintegration.cube.CubeClient;
import io.cubeintegration.cube.CubePage;
import io.cubeintegration.cube.CubePager;
import io.cubeintegration.cube.CubeResponse;
import io.cubeintegration.cube.PagedRequest;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds to each record of a page a {@code customer} field holding the customer record Cube has for the record's
 * customer id. The lookups of one page run concurrently on a bounded pool; each customer is fetched at most once per
 * run; records keep their order, so records of one customer reach the sink in the order Cube returned them.
 */
public final class CustomerEnricher {

    /** The field added to every enriched record. */
    public static final String CUSTOMER_FIELD = "customer";

    private static final Logger LOG = LoggerFactory.getLogger(CustomerEnricher.class);

    private final CubeClient client;
    private final CubePager pager;
    private final ObjectMapper mapper;
    private final ExecutorService lookups;
    private final CampaignDirectory campaigns;
    private final KeptIndexes kept;

    /** @param indexMaxAge how long an index of a customer list serves later runs (the reconcile interval); zero: none */
    public CustomerEnricher(CubeClient client, CubePager pager, ObjectMapper mapper, ExecutorService lookups,
                            CampaignDirectory campaigns, Duration indexMaxAge) {
        this.client = client;
        this.pager = pager;
        this.mapper = mapper;
        this.lookups = lookups;
        this.campaigns = campaigns;
        this.kept = new KeptIndexes(indexMaxAge, Clock.systemUTC());
    }

    /**
     * Starts, while the run's first page is on its way, what the enrichment needs before it can enrich that page: the
     * assignment and, unless the feed looks customers up one by one, the first page of the assignment's customer list
     * (the plan's decision needs its count; the bulk plan goes on from it). Concurrent with page 1, it takes two
     * round trips off the run.
     */
    public void start(@ExchangeProperty(RunEnrichment.PROPERTY) RunEnrichment run) {
        run.start(run.shared().start(() -> CompletableFuture.supplyAsync(() -> {
            int assignment = assignmentIfNeeded(run);
            // lookups need no list; nor does a run whose assignment another campaign's run is indexing already
            if (run.settings().plan().equals("lookup") || run.shared().index() != null) {
                return new RunEnrichment.Start(assignment, null, null, Instant.now());
            }
            Instant listed = Instant.now();
            CubePager.Pages list = pager.pagesOnDemand(new ListRequest(run.feedId(), run.settings().customerListPath(assignment), run));
            return new RunEnrichment.Start(assignment, list, list.next(), listed);
        }, lookups)));
    }

    private RunEnrichment.Start started(RunEnrichment run) {
        CompletableFuture<RunEnrichment.Start> started = run.start();
        if (started == null) {
            start(run);
            started = run.start();
        }
        return await(started);
    }

    public CubePage enrich(@Body CubePage page, @ExchangeProperty(RunEnrichment.PROPERTY) RunEnrichment run) {
        EnrichmentSettings feed = run.settings();
        int assignment = assignmentIfNeeded(run);
        CustomerIndex index = planOf(run, page, assignment);
        if (index != null) {
            enrichFromIndex(page, run, index, assignment);
            return page;
        }
        List<CompletableFuture<JsonNode>> customers = new ArrayList<>(page.size());
        for (ObjectNode record : page.records()) {
            Long customerId = customerId(record, feed.customerIdField());
            if (customerId == null) {
                // no customer to look up: the record goes to the dead letters, the rest of the page goes on
                run.reject(record, "record has no integer " + feed.customerIdField() + " to look its customer up by (found "
                        + record.get(feed.customerIdField()) + ")");
                customers.add(null);
                continue;
            }
            customers.add(run.customers().computeIfAbsent(customerId,
                    id -> CompletableFuture.supplyAsync(() -> lookUp(run, assignment, id), lookups)));
        }
        for (int i = 0; i < customers.size(); i++) {
            if (customers.get(i) != null) {
                page.records().get(i).set(CUSTOMER_FIELD, await(customers.get(i)));
            }
        }
        return page;
    }

    /**
     * Chooses, once per run, how to find the customers: one lookup per distinct customer, or the bulk plan that loads
     * the assignment's whole customer list into an index. {@code auto} takes the bulk plan when its pages cost fewer
     * requests than the lookups could (the run's record count, from page 1's count, and the assignment's customer
     * count, from its first customer page, bound the lookups); the bulk plan is the only way when records join on a
     * field no single-customer URL takes, such as the external {@code crm__customer_id}.
     *
     * @return the index of the bulk plan, or null for lookups
     */
    private CustomerIndex planOf(RunEnrichment run, CubePage page, int assignment) {
        synchronized (run) {
            if (run.planned()) {
                return run.index();
            }
            EnrichmentSettings feed = run.settings();
            CustomerIndex young = feed.plan().equals("lookup") ? null : kept.fresh(feed.customerListPath(assignment), feed.customerKeyField());
            if (young != null) {
                // an earlier run's index of the list, younger than the reconcile interval: no request at all
                run.plan(young, true);
                return young;
            }
            RunEnrichment.Start start = started(run);
            CompletableFuture<CustomerIndex> sharedIndex = run.shared().index();
            if (sharedIndex != null && !feed.plan().equals("lookup")) {
                // another campaign of the assignment has the whole customer list indexed, or is indexing it
                CustomerIndex index = await(sharedIndex);
                run.plan(index, false);
                return index;
            }
            boolean bulk = start.list() != null && switch (feed.plan()) {
                case "bulk" -> true;
                case "lookup" -> false;
                default -> {
                    CubePage first = start.first();
                    long listPages = first.size() == 0 ? 1 : (first.count() + first.size() - 1) / Math.max(1, first.size());
                    // the records that are new: a tail read's, or a whole day's less those known before
                    long records = run.expectedRecords() >= 0 ? run.expectedRecords() : page.count() < 0 ? page.size() : page.count();
                    long lookupsAtMost = Math.min(records, first.count() < 0 ? records : first.count());
                    // a scheduled run's index serves the polls within the reconcile interval: their lookups count too
                    yield listPages < lookupsAtMost * Math.max(1, feed.indexReuse());
                }
            };
            CustomerIndex index = null;
            CompletableFuture<CustomerIndex> building = new CompletableFuture<>();
            if (bulk && !run.shared().claimIndex(building)) {
                index = await(run.shared().index());
            } else if (bulk) {
                try {
                    Instant listed = start.listedAt();
                    index = indexCustomers(run, start);
                    building.complete(index);
                    kept.keep(feed.customerListPath(start.assignment()), feed.customerKeyField(), index, listed);
                } catch (RuntimeException e) {
                    building.completeExceptionally(e);
                    throw e;
                }
            }
            run.plan(index, false);
            return index;
        }
    }

    /** The bulk plan: the assignment's whole customer list, from the first page the start fetched, into an index. */
    private CustomerIndex indexCustomers(RunEnrichment run, RunEnrichment.Start start) {
        EnrichmentSettings feed = run.settings();
        CustomerIndex index = new CustomerIndex(feed.customerKeyField());
        start.list().fetchAhead();
        start.first().records().forEach(index::add);
        run.customerListPage(start.first().size());
        start.list().forEachRemaining(customers -> {
            customers.records().forEach(index::add);
            run.customerListPage(customers.size());
        });
        LOG.info("feed {}: bulk plan: {} customers of GET {} indexed by {}", run.feedId(), index.size(),
                feed.customerListPath(start.assignment()), feed.customerKeyField());
        return index;
    }

    private void enrichFromIndex(CubePage page, RunEnrichment run, CustomerIndex index, int assignment) {
        String field = run.settings().customerIdField();
        // a kept index may lack a customer Cube added since: by Cube's own id, such a one is looked up on its own
        boolean lookUpMissing = run.indexKept() && run.settings().customerKeyField().equals("id");
        Map<ObjectNode, CompletableFuture<JsonNode>> missing = new java.util.IdentityHashMap<>();
        for (ObjectNode record : page.records()) {
            JsonNode value = record.get(field);
            String key = value == null || value.isNull() ? "" : value.asText().trim();
            if (key.isEmpty()) {
                run.reject(record, "record has no " + field + " to find its customer by");
                continue;
            }
            ObjectNode customer = index.get(key);
            if (customer == null && lookUpMissing && key.matches("\\d{1,18}")) {
                long id = Long.parseLong(key);
                missing.put(record, run.customers().computeIfAbsent(id,
                        absent -> CompletableFuture.supplyAsync(() -> lookUp(run, assignment, id), lookups)));
            } else if (customer == null) {
                // said once at the run's end (FeedRunLog): Cube's records may name customers the list lacks
                run.customerMissing(key);
            }
            record.set(CUSTOMER_FIELD, customer == null ? NullNode.getInstance() : customer);
        }
        missing.forEach((record, customer) -> record.set(CUSTOMER_FIELD, await(customer)));
    }

    /** A customer list to page through. */
    private record ListRequest(String feedId, String path, RunEnrichment run) implements PagedRequest {
        @Override
        public Map<String, String> query() {
            return Map.of();
        }

        @Override
        public void pageFetched(CubePage page) {
            // the enricher counts what it loads
        }

        @Override
        public void requestSent() {
            run.requestSent();
        }
    }

    private JsonNode lookUp(RunEnrichment run, int assignment, long customerId) {
        run.customerLookedUp();
        String path = run.settings().customerPath(assignment, customerId);
        return client.get(run.feedId(), client.connection().resolve(path, null), response -> read(run, customerId, response),
                run::requestSent);
    }

    private JsonNode read(RunEnrichment run, long customerId, CubeResponse response) {
        if (response.status() == 404) {
            run.customerMissing(Long.toString(customerId));
            return NullNode.getInstance();
        }
        if (!response.isSuccess()) {
            throw new CubeApiException("feed " + run.feedId() + ": customer lookup answered HTTP " + response.status()
                    + " for GET " + response.url() + ": " + response.bodyExcerpt(), response.status(), null);
        }
        JsonNode customer;
        try {
            customer = mapper.readTree(response.body());
        } catch (IOException e) {
            throw new CubeApiException("feed " + run.feedId() + ": customer lookup GET " + response.url()
                    + " is not JSON: " + response.bodyExcerpt(), response.status(), e, true);
        }
        if (customer == null || !customer.isObject()) {
            throw new CubeApiException("feed " + run.feedId() + ": customer lookup GET " + response.url()
                    + " did not answer a JSON object: " + response.bodyExcerpt());
        }
        return customer;
    }

    /** The run's assignment where the feed's customer paths name one, else 0. */
    private int assignmentIfNeeded(RunEnrichment run) {
        return run.settings().needsAssignment() ? assignmentOf(run) : 0;
    }

    /** The run's assignment: the feed's own, or looked up once per run from the campaigns list. */
    private int assignmentOf(RunEnrichment run) {
        return run.assignment(() -> {
            Integer campaign = run.settings().campaignId();
            // a campaign's assignment never changes: what any read of the list said (the start-up check's too) holds
            return campaigns.assignmentOf(run.feedId(), campaign, run::requestSent)
                    .orElseThrow(() -> new CubeApiException("feed " + run.feedId() + ": campaign " + campaign
                            + " is not in the campaigns list (GET " + client.connection().resolve(campaigns.path(), null)
                            + "); give the feed its assignmentId"));
        });
    }

    private static Long customerId(ObjectNode record, String field) {
        JsonNode value = record.get(field);
        if (value == null) {
            return null;
        }
        if (value.canConvertToExactIntegral() && value.isIntegralNumber()) {
            return value.asLong();
        }
        String text = value.asText("").trim();
        return text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
