package io.cubeintegration.feed;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.CubeConnection;

/**
 * The campaigns (or assignments) a partitioned feed runs over, chosen afresh at every trigger from the campaigns list:
 * a fixed list of ids, or {@code all} the active campaigns the token sees (narrowed by the feed's campaign filter).
 * A campaign that leaves the set (archived, inactive, filtered out) gets one last catch-up and then closes; one that
 * vanished from the list closes without one, as there is nothing left to fetch. The feed's own state remembers which
 * partitions are open, so a restart or another instance knows which still need their last catch-up.
 *
 * @param kind   what the feed is partitioned by
 * @param all    every active campaign (or every assignment of one), rather than {@code ids}
 * @param ids    the ids the feed names, when not {@code all}
 * @param filter the campaign fields to match, each with its alternatives (globs with {@code *}, any case)
 */
record FeedPartitions(FeedPartition.Kind kind, boolean all, List<Long> ids, Map<String, List<Pattern>> filter) {

    /** What a trigger runs: the partitions, and the ids that close now without a run. */
    record Chosen(List<FeedPartition> partitions, List<String> closedUnseen) {
    }

    /** Why a partition set or filter is not one, or null: {@code all} or ids separated by commas; a query-form filter. */
    static String problem(String set, String filter) {
        if (!set.isBlank() && !set.trim().equalsIgnoreCase("all") && !set.trim().matches("[1-9][0-9]{0,17}( *, *[1-9][0-9]{0,17})*")) {
            return "must be all or ids separated by commas, e.g. 926,927";
        }
        try {
            CubeConnection.parseQuery(filter);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Whether a set names more than one partition: {@code all}, or two ids or more. One id is a plain feed, as before. */
    static boolean isPartitioned(String set) {
        return set.trim().equalsIgnoreCase("all") || set.contains(",");
    }

    static FeedPartitions parse(FeedPartition.Kind kind, String set, String filter) {
        boolean all = set.trim().equalsIgnoreCase("all");
        List<Long> ids = all ? List.of() : List.of(set.split(",")).stream().map(String::trim).map(Long::valueOf).distinct().sorted().toList();
        Map<String, List<Pattern>> fields = new LinkedHashMap<>();
        CubeConnection.parseQuery(filter).forEach((field, values) -> fields.put(field,
                List.of(values.split(",")).stream().map(String::trim).map(FeedPartitions::glob).toList()));
        return new FeedPartitions(kind, all, ids, fields);
    }

    private static Pattern glob(String value) {
        return Pattern.compile(Pattern.quote(value).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /**
     * Chooses a trigger's partitions.
     *
     * @param campaigns the campaigns list, as Cube answered it
     * @param open      the feed's partitions by id, with the day each closed or null while open (its own state)
     */
    Chosen choose(List<ObjectNode> campaigns, Map<String, LocalDate> open) {
        Map<Long, ObjectNode> byId = new TreeMap<>();
        campaigns.forEach(campaign -> byId.put(campaign.path("campaign__id").asLong(-1), campaign));
        Map<Long, FeedPartition> chosen = new TreeMap<>();
        List<String> closedUnseen = new ArrayList<>();
        if (kind == FeedPartition.Kind.CAMPAIGN) {
            if (all) {
                byId.values().stream().filter(this::wanted).forEach(campaign -> chosen.put(campaign.path("campaign__id").asLong(),
                        campaignPartition(campaign.path("campaign__id").asLong(), campaign, false)));
            } else {
                ids.forEach(id -> chosen.put(id, campaignPartition(id, byId.get(id), false)));
            }
        } else {
            List<Long> assignments = all
                    ? byId.values().stream().filter(this::wanted).map(campaign -> campaign.path("assignment__id").asLong(-1))
                            .filter(id -> id > 0).distinct().toList()
                    : ids;
            assignments.forEach(id -> chosen.put(id, new FeedPartition(kind, id, (int) (long) id, null, false, null)));
        }
        if (all) {
            // the set's former members still open: a last catch-up where Cube still knows them, else they close now
            open.forEach((key, closed) -> {
                long id = Long.parseLong(key);
                if (closed != null || chosen.containsKey(id)) {
                    return;
                }
                if (kind == FeedPartition.Kind.CAMPAIGN && byId.containsKey(id)) {
                    chosen.put(id, campaignPartition(id, byId.get(id), true));
                } else if (kind == FeedPartition.Kind.ASSIGNMENT && byId.values().stream().anyMatch(c -> c.path("assignment__id").asLong(-1) == id)) {
                    chosen.put(id, new FeedPartition(kind, id, (int) id, null, true, null));
                } else {
                    closedUnseen.add(key);
                }
            });
        }
        return new Chosen(List.copyOf(chosen.values()), closedUnseen);
    }

    private FeedPartition campaignPartition(long id, ObjectNode campaign, boolean lastCatchUp) {
        if (campaign == null) {
            return new FeedPartition(kind, id, null, null, lastCatchUp, null);
        }
        JsonNode assignment = campaign.get("assignment__id");
        return new FeedPartition(kind, id, assignment == null || !assignment.canConvertToInt() ? null : assignment.asInt(),
                date(campaign.get("campaign__start_date")), lastCatchUp, lastCatchUp ? date(campaign.get("campaign__archived_date")) : null);
    }

    /** An active campaign (not archived) that matches the feed's campaign filter. */
    private boolean wanted(ObjectNode campaign) {
        return isActive(campaign) && filter.entrySet().stream().allMatch(field -> {
            JsonNode value = campaign.get(field.getKey());
            String text = value == null || value.isNull() ? "" : value.asText();
            return field.getValue().stream().anyMatch(pattern -> pattern.matcher(text).matches());
        });
    }

    static boolean isActive(ObjectNode campaign) {
        JsonNode active = campaign.get("campaign__is_active");
        boolean flagged = active != null && (active.asBoolean(false) || active.asText("").toLowerCase(Locale.ROOT).equals("true"));
        return flagged && blank(campaign.get("campaign__archived_date"));
    }

    private static boolean blank(JsonNode value) {
        return value == null || value.isNull() || value.asText("").isBlank();
    }

    /** A date of the campaigns list (2026-11-30, or with a time after it), or null when it has none or another form. */
    private static LocalDate date(JsonNode value) {
        if (blank(value)) {
            return null;
        }
        String text = value.asText().trim();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
