package io.cubeintegration.cube;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The account's campaigns list ({@code GET campaigns}, or {@code client_access/campaigns} for external users): which
 * campaigns exist, are active or archived, and which assignment each belongs to. Partitioned feeds read it at every
 * trigger to know their campaigns, enrichment to know a campaign's assignment. Every feed triggered at the same fire
 * time shares one read (the list is small, but 40 feeds at 06:00 need not ask 40 times); a trigger by hand reads it
 * afresh.
 */
public final class CampaignDirectory {

    /** How long a fire time's list is kept for feeds whose triggers of that fire time come late. */
    private static final Duration KEPT = Duration.ofMinutes(2);

    private final CubePager pager;
    private final String path;
    private final Map<Instant, Read> reads = new ConcurrentHashMap<>();
    /** Each campaign's assignment, from every read of the list: a campaign belongs to one assignment for good. */
    private final Map<Long, Integer> assignments = new ConcurrentHashMap<>();

    private record Read(Instant at, CompletableFuture<List<ObjectNode>> list) {
    }

    public CampaignDirectory(CubePager pager, String path) {
        this.pager = pager;
        this.path = path;
    }

    /**
     * The campaigns list as of a trigger: one read per fire time, shared by every feed that fires then (concurrent
     * asks wait for the one read); a failed read is not kept, so the next trigger asks again.
     *
     * @param feedId   the feed asking, for the request's log lines
     * @param fireTime the schedule's fire time, or null for a trigger by hand, which reads the list afresh
     */
    public List<ObjectNode> campaigns(String feedId, Instant fireTime) {
        if (fireTime == null) {
            return learned(pager.fetchAll(feedId, path));
        }
        Instant now = Instant.now();
        reads.values().removeIf(read -> read.at().plus(KEPT).isBefore(now));
        CompletableFuture<List<ObjectNode>> mine = new CompletableFuture<>();
        Read read = reads.computeIfAbsent(fireTime, time -> new Read(now, mine));
        if (read.list() == mine) {
            try {
                mine.complete(learned(pager.fetchAll(feedId, path)));
            } catch (RuntimeException e) {
                reads.remove(fireTime, read);
                mine.completeExceptionally(e);
            }
        }
        try {
            return read.list().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * A campaign's assignment: known from any earlier read of the list (the start-up check's included), else read
     * afresh, telling {@code sent} of the request; empty when the list has no such campaign.
     */
    public Optional<Integer> assignmentOf(String feedId, long campaignId, Runnable sent) {
        Integer known = assignments.get(campaignId);
        if (known == null) {
            learned(pager.fetchAll(feedId, path, sent));
            known = assignments.get(campaignId);
        }
        return Optional.ofNullable(known);
    }

    /** Remembers the assignments of a list read elsewhere: the start-up check's answer. */
    public void learn(CubeResponse list) {
        learned(pager.records(null, list));
    }

    private List<ObjectNode> learned(List<ObjectNode> list) {
        for (ObjectNode campaign : list) {
            long id = campaign.path("campaign__id").asLong(-1);
            if (id >= 0 && campaign.path("assignment__id").canConvertToInt()) {
                assignments.put(id, campaign.path("assignment__id").asInt());
            }
        }
        return List.copyOf(list);
    }

    /** The list's path below the base URL, for messages. */
    public String path() {
        return path;
    }
}
