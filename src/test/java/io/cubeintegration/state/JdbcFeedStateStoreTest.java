package io.cubeintegration.state;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared state store, on a real SQL database (H2, in memory). */
class JdbcFeedStateStoreTest {

    private final String url = "jdbc:h2:mem:state" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";

    // What one instance saves, another reads back whole.
    @Test
    void stateRoundTripsBetweenInstances() {
        JdbcFeedStateStore first = new JdbcFeedStateStore(url, "sa", "", new ObjectMapper());
        JdbcFeedStateStore second = new JdbcFeedStateStore(url, "sa", "", new ObjectMapper());
        FeedState state = first.load("responses");
        assertNull(state.watermark());
        state.commitWindow(records("id-1", "hash-1"), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20), 2,
                ".part-name.jsonl.part");
        first.save("responses", state);

        FeedState read = second.load("responses");

        assertEquals(LocalDate.of(2026, 11, 20), read.watermark());
        assertTrue(read.wasDelivered("id-1", "hash-1"));
        assertEquals(".part-name.jsonl.part", read.committedPart());
    }

    // Two instances that ran the same feed from the same state: the first to commit wins, the second's commit fails
    // and leaves the first's state as it was.
    @Test
    void secondCommitFromTheSameStateIsRefused() {
        JdbcFeedStateStore first = new JdbcFeedStateStore(url, "sa", "", new ObjectMapper());
        JdbcFeedStateStore second = new JdbcFeedStateStore(url, "sa", "", new ObjectMapper());
        first.save("customers", first.load("customers"));
        FeedState ofFirst = first.load("customers");
        FeedState ofSecond = second.load("customers");
        ofFirst.commitSnapshot(records("a", "1"), LocalDate.of(2026, 11, 24), null);
        ofSecond.commitSnapshot(records("b", "2"), LocalDate.of(2026, 11, 24), null);

        first.save("customers", ofFirst);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> second.save("customers", ofSecond));

        assertTrue(refused.getMessage().startsWith("feed customers: another instance changed its state"), refused.getMessage());
        assertTrue(second.load("customers").wasDelivered("a", "1"));
    }

    private static DeliveredRecords records(String id, String contentHash) {
        DeliveredRecords records = new DeliveredRecords();
        records.put(DeliveredRecords.key(id), DeliveredRecords.version(contentHash), 0);
        return records;
    }
}
