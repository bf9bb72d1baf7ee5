package io.cubeintegration.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded file store on real files: journal, pending pages, leases, committed part files. */
class FileFeedStateStoreTest {

    @TempDir
    Path dir;

    // Checkpoints append to a journal that loading replays (a torn last entry left out), and the next save folds it in.
    @Test
    void checkpointsAreJournalledAndFoldedIntoTheNextSave() throws IOException {
        FileFeedStateStore store = new FileFeedStateStore(dir, new ObjectMapper());
        LocalDate day = LocalDate.of(2026, 11, 24);
        FeedState state = store.load("sales");
        VersionTable first = page(1, 2, 3);
        state.record(first, day);
        store.checkpoint("sales", state, first, day);
        VersionTable second = page(4, 5);
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

    // A page reserved before it goes out is pending on load until its checkpoint; a reservation torn by a crash
    // mid-append never went out and is not pending; a journal of plain entries (before the markers) reads as before.
    @Test
    void aReservedPageIsPendingUntilItsCheckpoint() throws IOException {
        FileFeedStateStore store = new FileFeedStateStore(dir, new ObjectMapper());
        LocalDate day = LocalDate.of(2026, 11, 24);
        FeedState state = store.load("sales");
        VersionTable page = page(7, 8);
        store.reserve("sales", state, page, 1_700_000_000_000L);

        FeedState.PendingPage pending = store.load("sales").pending();
        assertEquals(1_700_000_000_000L, pending.since());
        assertEquals(70, pending.records().version(7));
        assertEquals(0, store.load("sales").delivered().size());

        state.record(page, day);
        store.checkpoint("sales", state, page, day);
        assertNull(store.load("sales").pending());
        assertEquals(2, store.load("sales").delivered().size());

        store.reserve("sales", state, page(9, 10, 11), 1_700_000_001_000L);
        byte[] journal = Files.readAllBytes(dir.resolve("sales.journal"));
        Files.write(dir.resolve("sales.journal"), java.util.Arrays.copyOf(journal, journal.length - 7));
        assertNull(store.load("sales").pending(), "a torn reservation never went out");

        Files.write(dir.resolve("sales.journal"), JournalEntries.plain(page(12, 13), day).array());
        FeedState plain = store.load("sales");
        assertEquals(120, plain.delivered().version(12));
        assertNull(plain.pending());
    }

    // A feed's lease is one process's at a time: a second store on the same folder waits, then is refused with the
    // holder named; once let go, the second takes it.
    @Test
    void leaseIsExclusiveOnTheFolder() {
        FileFeedStateStore first = new FileFeedStateStore(dir, new ObjectMapper());
        FileFeedStateStore second = new FileFeedStateStore(dir, new ObjectMapper());
        FeedLease held = first.lease("sales", java.time.Duration.ZERO);

        FeedBusyException busy = assertThrows(FeedBusyException.class, () -> second.lease("sales", java.time.Duration.ofMillis(300)));
        held.close();
        try (FeedLease taken = second.lease("sales", java.time.Duration.ZERO)) {
            taken.check();
        }

        assertTrue(busy.getMessage().startsWith("feed sales: another process is running it (process " + ProcessName.get()
                + " since "), busy.getMessage());
        assertTrue(busy.getMessage().endsWith(", lease " + dir.toAbsolutePath().normalize().resolve("sales.lock")
                + "); waited 0 s for it to finish"), busy.getMessage());
    }

    // The committed part files of several runs survive a save and a load; a state written with one committedPart reads
    // as a list of one.
    @Test
    void committedPartsRoundTripAndTheOldFormReads() throws IOException {
        FileFeedStateStore store = new FileFeedStateStore(dir, new ObjectMapper());
        FeedState state = store.load("sales");
        state.commitSnapshot(page(1), LocalDate.of(2026, 11, 24), ".a.jsonl.part");
        state.commitSnapshot(page(2), LocalDate.of(2026, 11, 24), ".b.jsonl.part");
        store.save("sales", state);
        assertEquals(java.util.List.of(".a.jsonl.part", ".b.jsonl.part"), store.load("sales").committedParts());

        Files.writeString(dir.resolve("old.state.json"),
                "{\"feed\":\"old\",\"watermark\":\"2026-11-24\",\"committedPart\":\".c.jsonl.part\",\"delivered\":[]}");
        assertEquals(java.util.List.of(".c.jsonl.part"), store.load("old").committedParts());
    }

    // A Kafka feed's state key does not take a files feed's state saved under the feed id, but takes over one that an
    // earlier release (no "format" field) kept there.
    @Test
    void stateKeyTakesOverOnlyAnEarlierReleasesState() throws IOException {
        FileFeedStateStore store = new FileFeedStateStore(dir, new ObjectMapper());
        FeedState files = store.load("sms");
        files.commitWindow(page(1), LocalDate.of(2026, 11, 20), LocalDate.of(2026, 11, 20), 2, null);
        store.save("sms", files);
        assertTrue(StateCommits.load(store, "sms@cube.sms", "sms").isUnsaved(), "a files feed's state is not the topic's");

        Files.writeString(dir.resolve("old.state.json"), "{\"feed\":\"old\",\"watermark\":\"2026-11-24\",\"delivered\":[[\"7\",\"46\",20000]]}");
        FeedState taken = StateCommits.load(store, "old@cube.old", "old");
        assertEquals(LocalDate.of(2026, 11, 24), taken.watermark());
        assertEquals(0x46, taken.delivered().version(7));
    }

    private static VersionTable page(long... keys) {
        VersionTable page = new VersionTable();
        for (long key : keys) {
            page.put(key, key * 10, 0);
        }
        return page;
    }
}
