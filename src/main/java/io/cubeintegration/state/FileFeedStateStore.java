package io.cubeintegration.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The embedded state store: one JSON file per feed in {@code CUBE_STATE_DIR}. A save writes a temporary file, forces
 * it to disk and renames it over the old one atomically, so a crash mid-write leaves the previous state whole.
 * A checkpoint (a Kafka page acknowledged) appends the page's records to {@code <feed>.journal} instead of writing
 * the whole state again, so a long Kafka run costs in proportion to its records, not their square; loading replays
 * the journal, and the next save folds it in and deletes it (replaying it twice changes nothing).
 * For one instance per state folder; several instances share a {@link JdbcFeedStateStore}.
 */
public final class FileFeedStateStore implements FeedStateStore {

    private final Path directory;
    private final FeedStateJson json;

    public FileFeedStateStore(Path directory, ObjectMapper mapper) {
        this.directory = directory.toAbsolutePath().normalize();
        this.json = new FeedStateJson(mapper);
    }

    /** A journal entry: key, version, day. */
    private static final int ENTRY_BYTES = 20;

    private Path file(String feedId) {
        return directory.resolve(feedId + ".state.json");
    }

    private Path journal(String feedId) {
        return directory.resolve(feedId + ".journal");
    }

    @Override
    public void checkpoint(String feedId, FeedState state, DeliveredRecords added, java.time.LocalDate day) {
        int epochDay = (int) day.toEpochDay();
        java.nio.ByteBuffer entries = java.nio.ByteBuffer.allocate(added.size() * ENTRY_BYTES);
        added.forEach((key, version, ignored) -> entries.putLong(key).putLong(version).putInt(epochDay));
        entries.flip();
        Path journal = journal(feedId);
        try {
            Files.createDirectories(directory);
            boolean created = !Files.exists(journal);
            try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                while (entries.hasRemaining()) {
                    channel.write(entries);
                }
                channel.force(false);
            }
            if (created) {
                forceDirectory();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("feed " + feedId + ": cannot append its checkpoint to " + journal, e);
        }
    }

    /** Adds the journal's entries to a loaded state; a torn last entry (a crash mid-append) is left out. */
    private void replayJournal(String feedId, FeedState state) throws IOException {
        Path journal = journal(feedId);
        if (!Files.exists(journal)) {
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(journal), 65536)) {
            byte[] entry = new byte[ENTRY_BYTES];
            java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(entry);
            while (in.readNBytes(entry, 0, ENTRY_BYTES) == ENTRY_BYTES) {
                state.delivered().put(view.getLong(0), view.getLong(8), view.getInt(16));
            }
        }
    }

    @Override
    public FeedState load(String feedId) {
        Path file = file(feedId);
        try {
            FeedState state;
            if (Files.exists(file)) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                    state = json.read(in);
                }
            } else {
                state = FeedState.empty();
            }
            replayJournal(feedId, state);
            return state;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("feed " + feedId + ": cannot read its state " + file + ": " + e.getMessage()
                    + " (move the file away to start the feed afresh from CUBE_START_DATE)", e);
        }
    }

    @Override
    public void save(String feedId, FeedState state) {
        Path file = file(feedId);
        Path temporary = directory.resolve("." + feedId + ".state.json.tmp");
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 65536);
                json.write(feedId, state, out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory();
            // the saved state holds every checkpoint: a crash before this line replays the journal, harmlessly
            Files.deleteIfExists(journal(feedId));
        } catch (IOException e) {
            throw new UncheckedIOException("feed " + feedId + ": cannot save its state to " + file, e);
        }
    }

    /** Makes the rename itself durable. */
    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    @Override
    public String describe() {
        return directory.toString();
    }
}
