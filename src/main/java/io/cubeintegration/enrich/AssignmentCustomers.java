package io.cubeintegration.enrich;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The customers of one assignment as a trigger's runs found them: the customers looked up one by one, and the bulk
 * plan's index of the whole customer list (with the start that fetched its first page). The runs of one trigger over campaigns of the same assignment share one,
 * so two campaigns of an assignment never fetch a customer, or the list, twice; a run of a plain feed has its own.
 */
public final class AssignmentCustomers {

    private final Map<Long, CompletableFuture<JsonNode>> customers = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<CustomerIndex>> index = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<RunEnrichment.Start>> start = new AtomicReference<>();

    /**
     * What the enrichment starts before a run's first page: made once for all the runs that share the assignment
     * (the assignment, the customer list's first page), by the first run to ask.
     */
    CompletableFuture<RunEnrichment.Start> start(Supplier<CompletableFuture<RunEnrichment.Start>> starting) {
        CompletableFuture<RunEnrichment.Start> known = start.get();
        if (known != null) {
            return known;
        }
        synchronized (start) {
            if (start.get() == null) {
                start.set(starting.get());
            }
            return start.get();
        }
    }

    /** Each customer looked up, by id: fetched at most once, even by concurrent runs. */
    Map<Long, CompletableFuture<JsonNode>> customers() {
        return customers;
    }

    /** The index a run of this assignment built or is building, or null when none chose the bulk plan yet. */
    CompletableFuture<CustomerIndex> index() {
        return index.get();
    }

    /**
     * Claims the building of the index: true for the one run that builds it (and completes {@code building}); false
     * when another run claimed it first, whose index to wait for instead.
     */
    boolean claimIndex(CompletableFuture<CustomerIndex> building) {
        return index.compareAndSet(null, building);
    }
}
