package io.cubeintegration.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.LocalDate;

/**
 * The journal's form of what a Kafka run records page by page, whichever store keeps it: each record version as 20
 * bytes (key, version, epoch day), so a write costs its page and nothing more. In a journal file, a checkpoint's
 * entries follow a checkpoint marker, and a page about to go out is a pending marker (with the time it began and its
 * number of records) followed by its records; a checkpoint after it means the page was acknowledged. A journal
 * written before the markers existed is plain entries, and reads the same.
 */
final class JournalEntries {

    private static final int ENTRY_BYTES = 20;
    /** Keys no record has (record keys are hashes: one of these is as likely as a 64-bit collision). */
    private static final long CHECKPOINT = 0x43484543_4B504F49L;
    private static final long PENDING = 0x50454E44_494E4721L;

    private JournalEntries() {
    }

    /** The record versions, all on one day, with no marker: a journal row of a database. */
    static ByteBuffer plain(VersionTable records, LocalDate day) {
        return entries(records, (int) day.toEpochDay(), ByteBuffer.allocate(records.size() * ENTRY_BYTES)).flip();
    }

    /** A checkpoint in a journal file: the page acknowledged, after which nothing is pending. */
    static ByteBuffer checkpoint(VersionTable added, LocalDate day) {
        ByteBuffer buffer = ByteBuffer.allocate((added.size() + 1) * ENTRY_BYTES);
        buffer.putLong(CHECKPOINT).putLong(added.size()).putInt(0);
        return entries(added, (int) day.toEpochDay(), buffer).flip();
    }

    /** A page about to go out, in a journal file. */
    static ByteBuffer pending(VersionTable page, long sinceMillis) {
        ByteBuffer buffer = ByteBuffer.allocate((page.size() + 1) * ENTRY_BYTES);
        buffer.putLong(PENDING).putLong(sinceMillis).putInt(page.size());
        return entries(page, 0, buffer).flip();
    }

    private static ByteBuffer entries(VersionTable records, int epochDay, ByteBuffer buffer) {
        records.forEach((key, version, ignored) -> buffer.putLong(key).putLong(version).putInt(epochDay));
        return buffer;
    }

    /** Adds a journal's entries to a loaded state; a torn last entry or block (a crash mid-append) is left out. */
    static void replay(InputStream in, FeedState state) throws IOException {
        byte[] entry = new byte[ENTRY_BYTES];
        ByteBuffer view = ByteBuffer.wrap(entry);
        while (in.readNBytes(entry, 0, ENTRY_BYTES) == ENTRY_BYTES) {
            long key = view.getLong(0);
            if (key == PENDING) {
                long since = view.getLong(8);
                VersionTable page = read(in, view.getInt(16));
                if (page == null) {
                    // torn while being written: the page never went out
                    return;
                }
                state.pending(new FeedState.PendingPage(page, since));
            } else if (key == CHECKPOINT) {
                state.pending(null);
            } else {
                state.delivered().put(key, view.getLong(8), view.getInt(16));
            }
        }
    }

    /** Reads plain entries to the end into a table. */
    static VersionTable read(InputStream in) throws IOException {
        return read(in, Integer.MAX_VALUE);
    }

    /** Reads up to {@code count} plain entries; null when fewer than a finite count were there. */
    private static VersionTable read(InputStream in, int count) throws IOException {
        VersionTable records = new VersionTable();
        byte[] entry = new byte[ENTRY_BYTES];
        ByteBuffer view = ByteBuffer.wrap(entry);
        int read = 0;
        while (read < count && in.readNBytes(entry, 0, ENTRY_BYTES) == ENTRY_BYTES) {
            records.put(view.getLong(0), view.getLong(8), view.getInt(16));
            read++;
        }
        return read < count && count != Integer.MAX_VALUE ? null : records;
    }
}
