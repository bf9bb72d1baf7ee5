package io.cubeintegration.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The embedded state store: one JSON file per feed in {@code CUBE_STATE_DIR}. A save writes a temporary file, forces
 * it to disk and renames it over the old one atomically, so a crash mid-write leaves the previous state whole.
 * For one instance per state folder; several instances need a shared store.
 */
public final class FileFeedStateStore implements FeedStateStore {

    private final Path directory;
    private final ObjectMapper mapper;

    public FileFeedStateStore(Path directory, ObjectMapper mapper) {
        this.directory = directory.toAbsolutePath().normalize();
        this.mapper = mapper;
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
            JsonNode root = mapper.readTree(file.toFile());
            Map<String, FeedState.Delivery> delivered = new HashMap<>();
            root.path("delivered").fields().forEachRemaining(entry -> delivered.put(entry.getKey(),
                    new FeedState.Delivery(entry.getValue().get(0).asText(), LocalDate.parse(entry.getValue().get(1).asText()))));
            JsonNode watermark = root.path("watermark");
            JsonNode part = root.path("committedPart");
            return new FeedState(watermark.isTextual() ? LocalDate.parse(watermark.asText()) : null, delivered,
                    part.isTextual() ? part.asText() : null);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("feed " + feedId + ": cannot read its state " + file + ": " + e.getMessage()
                    + " (move the file away to start the feed afresh from CUBE_START_DATE)", e);
        }
    }

    @Override
    public void save(String feedId, FeedState state) {
        Path file = file(feedId);
        Path temporary = directory.resolve("." + feedId + ".state.json.tmp");
        ObjectNode root = mapper.createObjectNode();
        root.put("feed", feedId);
        root.put("watermark", state.watermark() == null ? null : state.watermark().toString());
        root.put("committedPart", state.committedPart());
        ObjectNode delivered = root.putObject("delivered");
        state.delivered().forEach((id, delivery) ->
                delivered.putArray(id).add(delivery.contentHash()).add(delivery.day().toString()));
        try {
            Files.createDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(mapper.writeValueAsBytes(root)));
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
