package io.cubeintegration.state;

import java.util.List;
import java.util.Map;

import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedPlan;
import io.cubeintegration.feed.FeedRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A partitioned feed (the shipped customers feed over every assignment) keeping its states in the shared database. */
class JdbcPartitionedFeedTest extends CubeFeedTestSupport {

    private final TestPostgres.Database db = TestPostgres.newDatabase();

    @Override
    protected Map<String, String> settings() {
        return Map.of("cube.state-store", "jdbc", "cube.state-jdbc.url", db.url(), "cube.state-jdbc.user", db.user(),
                "cube.state-jdbc.password", db.password(), "cube.assignment-id", "all");
    }

    // Each assignment's delivered records are a row of their own, the feed's row lists its assignments as open, and
    // what any instance reads back from the database makes a rerun leave every record out.
    @Test
    void eachAssignmentKeepsItsOwnStateInTheDatabase() {
        FeedPlan first = trigger("customers");
        assertTrue(first.succeeded(), String.valueOf(first.runs()));
        assertEquals(List.of(240L, 241L), first.runs().stream().map(run -> run.partition().id()).sorted().toList());
        StateDatabase database = db.open("cube");
        try {
            JdbcFeedStateStore store = new JdbcFeedStateStore(database, JSON);
            for (FeedRun run : first.runs()) {
                assertEquals(simulator.account().records("assignments/" + run.partition().id() + "/customers/", Map.of()).size(),
                        store.load("customers#" + run.partition().id()).delivered().size());
            }
            FeedState own = store.load("customers");
            assertEquals(2, own.partitions().size());
            assertNull(own.partitions().get("240"));
            assertEquals(0, own.delivered().size());
        } finally {
            database.stop();
        }
        FeedPlan rerun = trigger("customers");
        assertTrue(rerun.succeeded() && rerun.runs().stream().allMatch(run -> run.records() == 0 && run.duplicates() > 0));
    }
}
