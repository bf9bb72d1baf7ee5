package io.cubeintegration.feed;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which campaigns or assignments a partitioned feed runs, from a campaigns list: the rules without Cube. */
class FeedPartitionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate ARCHIVED = LocalDate.of(2026, 11, 28);

    private final List<ObjectNode> campaigns = List.of(
            campaign(926, "Produktsalg høst", 240, true, null),
            campaign(927, "Vinn tilbake", 240, true, null),
            campaign(998, "Bookingkampanje", 241, true, null),
            campaign(925, "Sommerkampanje", 240, false, ARCHIVED.toString()),
            campaign(930, "Pause", 242, false, null));

    // all takes the active campaigns, each with its assignment and start date; inactive and archived ones stay out.
    @Test
    void allIsEveryActiveCampaignWithItsAssignment() {
        FeedPartitions.Chosen chosen = FeedPartitions.parse(FeedPartition.Kind.CAMPAIGN, "all", "").choose(campaigns, Map.of());
        assertEquals(List.of(926L, 927L, 998L), chosen.partitions().stream().map(FeedPartition::id).toList());
        assertEquals(241, chosen.partitions().get(2).assignmentId());
        assertEquals(LocalDate.of(2017, 1, 1), chosen.partitions().get(0).startDate());
        assertTrue(chosen.partitions().stream().noneMatch(FeedPartition::lastCatchUp));
    }

    // A campaign the feed ran that is now archived gets one last catch-up, to its archived day; one no longer in the
    // list closes without a run; a closed one stays closed; a closed one that is active again runs again.
    @Test
    void formerMembersCatchUpOnceOrClose() {
        Map<String, LocalDate> known = new HashMap<>();
        known.put("925", null);
        known.put("777", null);
        known.put("930", LocalDate.of(2026, 1, 1));
        known.put("927", LocalDate.of(2026, 1, 1));
        FeedPartitions.Chosen chosen = FeedPartitions.parse(FeedPartition.Kind.CAMPAIGN, "all", "").choose(campaigns, known);
        FeedPartition archived = chosen.partitions().stream().filter(p -> p.id() == 925).findFirst().orElseThrow();
        assertTrue(archived.lastCatchUp());
        assertEquals(ARCHIVED, archived.lastDay());
        assertEquals(List.of("777"), chosen.closedUnseen());
        assertTrue(chosen.partitions().stream().noneMatch(p -> p.id() == 930));
        assertFalse(chosen.partitions().stream().filter(p -> p.id() == 927).findFirst().orElseThrow().lastCatchUp());
    }

    // The filter matches fields of the list: alternatives by comma, * as any text, any case.
    @Test
    void theFilterNarrowsAll() {
        FeedPartitions byName = FeedPartitions.parse(FeedPartition.Kind.CAMPAIGN, "all", "campaign__name=produkt*,BOOKING*");
        assertEquals(List.of(926L, 998L), byName.choose(campaigns, Map.of()).partitions().stream().map(FeedPartition::id).toList());
        FeedPartitions byAssignment = FeedPartitions.parse(FeedPartition.Kind.CAMPAIGN, "all", "assignment__id=240");
        assertEquals(List.of(926L, 927L), byAssignment.choose(campaigns, Map.of()).partitions().stream().map(FeedPartition::id).toList());
    }

    // Assignments of all are those of the active campaigns, once each; a list of ids is taken as it is.
    @Test
    void assignmentsAndLists() {
        assertEquals(List.of(240L, 241L), FeedPartitions.parse(FeedPartition.Kind.ASSIGNMENT, "all", "")
                .choose(campaigns, Map.of()).partitions().stream().map(FeedPartition::id).toList());
        List<FeedPartition> listed = FeedPartitions.parse(FeedPartition.Kind.CAMPAIGN, "998, 4242", "")
                .choose(campaigns, Map.of()).partitions();
        assertEquals(List.of(998L, 4242L), listed.stream().map(FeedPartition::id).toList());
        assertNull(listed.get(1).assignmentId(), "a campaign the list lacks has no known assignment");
    }

    // One id is a plain feed; all and lists are partitioned; anything else is refused with the form to use.
    @Test
    void setsAreCheckedAsTheFeedFilesSayThem() {
        assertFalse(FeedPartitions.isPartitioned("926"));
        assertTrue(FeedPartitions.isPartitioned("ALL"));
        assertTrue(FeedPartitions.isPartitioned("926,927"));
        assertNull(FeedPartitions.problem("926, 927", ""));
        assertEquals("must be all or ids separated by commas, e.g. 926,927", FeedPartitions.problem("926;927", ""));
        assertEquals("must be all or ids separated by commas, e.g. 926,927", FeedPartitions.problem("every", ""));
    }

    private static ObjectNode campaign(int id, String name, int assignment, boolean active, String archived) {
        ObjectNode campaign = JSON.createObjectNode();
        campaign.put("campaign__id", id);
        campaign.put("campaign__name", name);
        campaign.put("campaign__start_date", "2017-01-01");
        campaign.putNull("campaign__end_date");
        campaign.put("campaign__archived_date", archived);
        campaign.put("campaign__is_active", active);
        campaign.put("assignment__id", assignment);
        return campaign;
    }
}
