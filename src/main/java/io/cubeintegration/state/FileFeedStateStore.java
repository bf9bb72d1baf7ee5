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
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The embedded state store: one JSON file per feed in {@code CUBE_STATE_DIR}. A save writes a temporary file, forces
 * it to disk and renames it over the old one atomically, so a crash mid-write leaves the previous state whole.
 * A checkpoint (a Kafka page acknowledged) appends the page's records to {@code <feed>.journal} instead of writing
 * the whole state again, so a long Kafka run costs in proportion to its records, not their square; loading replays
 * the journal, and the next save folds it in and deletes it (replaying it twice changes nothing).
 * A feed's lease is an OS lock on {@code <feed>.lock} in the same folder, so a second process on the same folder
 * (an operator's {@code --once} beside the running application) waits for the feed instead of running it alongside.
 * Instances on several machines share a {@link JdbcFeedStateStore} instead.
 */
public final class FileFeedStateStore implements FeedStateStore {

    private final Path directory;
    private final FeedStateJson json;

    public FileFeedStateStore(Path directory, ObjectMapper mapper) {
        this.directory = directory.toAbsolutePath().normalize();
        this.json = new FeedStateJson(mapper);
    }

    private Path file(String feedId) {
        return directory.resolve(feedId + ".state.json");
    }

    private Path journal(String feedId) {
        return directory.resolve(feedId + ".journal");
    }

    @Override
    public FeedLease lease(String feedId, Duration wait) {
        Path file = directory.resolve(feedId + ".lock");
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            Files.createDirectories(directory);
            while (true) {
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldHere) {
                    lock = null;
                }
                if (lock != null) {
                    // who holds it, for the process that finds it taken; the lock itself is what counts
                    channel.truncate(0);
                    channel.write(java.nio.ByteBuffer.wrap((ProcessName.get() + " since " + Instant.now())
                            .getBytes(StandardCharsets.UTF_8)), 0);
                    return new FileLease(feedId, channel, lock);
                }
                channel.close();
                if (System.nanoTime() - deadline >= 0) {
                    throw new FeedBusyException(feedId, "process " + holder(file), file.toString(), wait);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("feed " + feedId + ": cannot take its lease " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("feed " + feedId + ": interrupted while waiting for its lease " + file, e);
        }
    }

    private static String holder(Path lockFile) {
        try {
            String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            return holder.isEmpty() ? "unknown" : holder;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** An OS lock on the feed's lock file, held as long as its channel is open; the process's end lets it go. */
    private static final class FileLease implements FeedLease {
        private final String feedId;
        private final FileChannel channel;
        private final FileLock lock;

        FileLease(String feedId, FileChannel channel, FileLock lock) {
            this.feedId = feedId;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void check() {
            if (!lock.isValid()) {
                throw new IllegalStateException("feed " + feedId + ": lost its lease; this run commits nothing");
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing the channel releases the lock whatever else fails
            }
        }
    }

    @Override
    public void checkpoint(String feedId, FeedState state, VersionTable added, java.time.LocalDate day) {
        append(feedId, JournalEntries.checkpoint(added, day), "its checkpoint");
    }

    /** A pending page goes into the journal too: one append, no rename, and the checkpoint after it settles it. */
    @Override
    public void reserve(String feedId, FeedState state, VersionTable page, long sinceMillis) {
        append(feedId, JournalEntries.pending(page, sinceMillis), "the page it is publishing");
    }

    private void append(String feedId, java.nio.ByteBuffer entries, String what) {
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
            throw new UncheckedIOException("feed " + feedId + ": cannot append " + what + " to " + journal, e);
        }
    }

    /** Adds the journal's entries to a loaded state; a torn last entry (a crash mid-append) is left out. */
    private void replayJournal(String feedId, FeedState state) throws IOException {
        Path journal = journal(feedId);
        if (!Files.exists(journal)) {
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(journal), 65536)) {
            JournalEntries.replay(in, state);
        }
    }

    @Override
    public FeedState load(String feedId) {
        Path file = file(feedId);
        try {
            FeedState state;
            if (Files.exists(file)) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                    state = json.read(in, feedId);
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
