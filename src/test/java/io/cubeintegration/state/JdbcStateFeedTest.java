package io.cubeintegration.state;

import java.util.Map;

import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedPlan;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A feed keeping its state in the shared database instead of files. */
class JdbcStateFeedTest extends CubeFeedTestSupport {

    private final TestPostgres.Database db = TestPostgres.newDatabase();

    @Override
    protected Map<String, String> settings() {
        return Map.of("cube.state-store", "jdbc", "cube.state-jdbc.url", db.url(), "cube.state-jdbc.user", db.user(),
                "cube.state-jdbc.password", db.password());
    }

    // With cube.state-store=jdbc the watermark and delivered versions live in the database: a rerun leaves out
    // everything the first run delivered, and nothing is written to the state folder.
    @Test
    void rerunReadsWhatTheFirstRunCommittedToTheDatabase() {
        FeedPlan first = trigger("customers");
        FeedPlan rerun = trigger("customers");

        assertTrue(first.succeeded() && rerun.succeeded());
        assertEquals(1000, first.runs().get(0).records());
        assertEquals(0, rerun.runs().get(0).records());
        assertEquals(1000, rerun.runs().get(0).duplicates());
        StateDatabase database = db.open("cube");
        try {
            assertEquals(1000, new JdbcFeedStateStore(database, JSON).load("customers").delivered().size());
        } finally {
            database.stop();
        }
        assertEquals(0, stateDir.toFile().list().length);
    }
}
