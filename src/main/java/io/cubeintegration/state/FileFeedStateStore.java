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
 * For one instance per state folder; several instances share a {@link JdbcFeedStateStore}.
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

    @Override
    public FeedState load(String feedId) {
        Path file = file(feedId);
        if (!Files.exists(file)) {
            return FeedState.empty();
        }
        try {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                return json.read(in);
            }
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
