package io.cubeintegration.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFeedStateStoreTest {

    @TempDir
    Path dir;

    // Checkpoints append to a journal that loading replays (a torn last entry left out), and the next save folds it in.
    @Test
    void checkpointsAreJournalledAndFoldedIntoTheNextSave() throws IOException {
        FileFeedStateStore store = new FileFeedStateStore(dir, new ObjectMapper());
        LocalDate day = LocalDate.of(2026, 11, 24);
        FeedState state = store.load("sales");
        DeliveredRecords first = page(1, 2, 3);
        state.record(first, day);
        store.checkpoint("sales", state, first, day);
        DeliveredRecords second = page(4, 5);
        state.record(second, day);
        store.checkpoint("sales", state, second, day);
        Files.write(dir.resolve("sales.journal"), new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        FeedState loaded = store.load("sales");
        assertEquals(5, loaded.delivered().size());
        for (long key = 1; key <= 5; key++) {
            assertEquals(key * 10, loaded.delivered().version(key));
        }

        store.save("sales", loaded);
        assertFalse(Files.exists(dir.resolve("sales.journal")), "the save holds every checkpoint");
        FeedState saved = store.load("sales");
        assertEquals(5, saved.delivered().size());
        assertEquals(30, saved.delivered().version(3));
    }

    private static DeliveredRecords page(long... keys) {
        DeliveredRecords page = new DeliveredRecords();
        for (long key : keys) {
            page.put(key, key * 10, 0);
        }
        return page;
    }
}
