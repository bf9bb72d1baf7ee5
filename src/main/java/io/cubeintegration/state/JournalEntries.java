package io.cubeintegration.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.LocalDate;

/**
 * The journal's form of a checkpoint, whichever store keeps it: each record version delivered as 20 bytes (key,
 * version, epoch day), so a checkpoint writes its page and nothing more.
 */
final class JournalEntries {

    private static final int ENTRY_BYTES = 20;

    private JournalEntries() {
    }

    /** The versions a checkpoint adds, all on its day. */
    static ByteBuffer encode(DeliveredRecords added, LocalDate day) {
        int epochDay = (int) day.toEpochDay();
        ByteBuffer entries = ByteBuffer.allocate(added.size() * ENTRY_BYTES);
        added.forEach((key, version, ignored) -> entries.putLong(key).putLong(version).putInt(epochDay));
        return entries.flip();
    }

    /** Adds the entries to a loaded state; a torn last entry (a crash mid-append) is left out. */
    static void replay(InputStream in, FeedState state) throws IOException {
        byte[] entry = new byte[ENTRY_BYTES];
        ByteBuffer view = ByteBuffer.wrap(entry);
        while (in.readNBytes(entry, 0, ENTRY_BYTES) == ENTRY_BYTES) {
            state.delivered().put(view.getLong(0), view.getLong(8), view.getInt(16));
        }
    }
}
