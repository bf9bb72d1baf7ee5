package io.cubeintegration.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cube.LogSafe;

/**
 * The one JSON form of a {@link FeedState}, whichever store keeps it, written and read as a stream so a state of a
 * million records never exists as one big string:
 * {@code {"feed":…,"watermark":"2026-11-24","committedParts":[…],"delivered":[["<key hex>","<version hex>",<epoch day>],…]}},
 * and for a partitioned feed's own state {@code "partitions":{"926":null,"925":"2026-11-30"}} (open, or closed on a day);
 * a window feed's open days' last reads as {@code "reads":{"2026-12-04":{"known":3000,"pageSize":50,"fingerprint":…,
 * "fullReadAt":"2026-12-05T00:01:00Z"}}} (a release that does not know them reads every day in full).
 * A state written before committedParts existed holds one "committedPart" instead, and reads the same. One written
 * before states were kept per feed and destination has no "format" field: see {@link FeedState#keyedByFeedOnly()}.
 */
final class FeedStateJson {

    /** 2: kept under the feed's state key (feed and destination); absent before. */
    private static final int FORMAT = 2;

    private final JsonFactory factory;

    FeedStateJson(ObjectMapper mapper) {
        this.factory = mapper.getFactory();
    }

    void write(String feedId, FeedState state, OutputStream out) throws IOException {
        // the caller forces and closes the stream: the generator only flushes it
        try (JsonGenerator json = factory.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeStringField("feed", feedId);
            json.writeNumberField("format", FORMAT);
            json.writeStringField("watermark", state.watermark() == null ? null : state.watermark().toString());
            json.writeStringField("notBefore", state.notBefore() == null ? null : state.notBefore().toString());
            json.writeArrayFieldStart("committedParts");
            for (String part : state.committedParts()) {
                json.writeString(part);
            }
            json.writeEndArray();
            if (!state.partitions().isEmpty()) {
                json.writeObjectFieldStart("partitions");
                for (var partition : state.partitions().entrySet()) {
                    json.writeStringField(partition.getKey(), partition.getValue() == null ? null : partition.getValue().toString());
                }
                json.writeEndObject();
            }
            if (!state.dayReads().isEmpty()) {
                json.writeObjectFieldStart("reads");
                for (var read : new TreeMap<>(state.dayReads()).entrySet()) {
                    DayRead day = read.getValue();
                    json.writeObjectFieldStart(read.getKey().toString());
                    json.writeNumberField("known", day.known());
                    json.writeNumberField("pageSize", day.pageSize());
                    json.writeStringField("fingerprint", day.fingerprint());
                    json.writeStringField("fullReadAt", day.fullReadAt().toString());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeArrayFieldStart("delivered");
            IOException[] failure = new IOException[1];
            state.delivered().forEach((key, version, day) -> {
                try {
                    json.writeStartArray();
                    json.writeString(Long.toHexString(key));
                    json.writeString(Long.toHexString(version));
                    json.writeNumber(day);
                    json.writeEndArray();
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /**
     * Reads a state and checks it is one: a JSON object with the fields every release writes ({@code feed},
     * {@code delivered}), of the state key it was loaded for, in a format this release knows. A file that parses but
     * is not such a state ({@code {}}, another feed's, a newer release's) is refused rather than read as "nothing
     * delivered", which would deliver everything again.
     */
    FeedState read(InputStream in, String stateKey) throws IOException {
        LocalDate watermark = null;
        LocalDate notBefore = null;
        boolean keyedByFeedOnly = true;
        String feed = null;
        boolean sawDelivered = false;
        List<String> committedParts = new ArrayList<>();
        Map<String, LocalDate> partitions = new TreeMap<>();
        Map<LocalDate, DayRead> reads = new TreeMap<>();
        VersionTable delivered = new VersionTable();
        try (JsonParser json = factory.createParser(in)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.getCurrentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "watermark" -> watermark = value == JsonToken.VALUE_NULL ? null : LocalDate.parse(json.getText());
                    case "notBefore" -> notBefore = value == JsonToken.VALUE_NULL ? null : LocalDate.parse(json.getText());
                    case "format" -> {
                        keyedByFeedOnly = false;
                        if (value != JsonToken.VALUE_NUMBER_INT || json.getIntValue() < 1 || json.getIntValue() > FORMAT) {
                            throw new IOException("it is in format " + json.getText() + ", which this release does not know"
                                    + " (it writes " + FORMAT + "): written by a newer release?");
                        }
                    }
                    case "feed" -> feed = value == JsonToken.VALUE_STRING ? json.getText() : null;
                    case "committedPart" -> {
                        if (value != JsonToken.VALUE_NULL) {
                            committedParts.add(json.getText());
                        }
                    }
                    case "committedParts" -> {
                        expect(value, JsonToken.START_ARRAY);
                        while (json.nextToken() == JsonToken.VALUE_STRING) {
                            committedParts.add(json.getText());
                        }
                    }
                    case "partitions" -> {
                        expect(value, JsonToken.START_OBJECT);
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String partition = json.getCurrentName();
                            partitions.put(partition, json.nextToken() == JsonToken.VALUE_NULL ? null : LocalDate.parse(json.getText()));
                        }
                    }
                    case "reads" -> {
                        expect(value, JsonToken.START_OBJECT);
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            LocalDate day = LocalDate.parse(json.getCurrentName());
                            expect(json.nextToken(), JsonToken.START_OBJECT);
                            JsonNode read = json.readValueAsTree();
                            reads.put(day, new DayRead(read.path("known").asLong(), read.path("pageSize").asInt(),
                                    read.path("fingerprint").asText(), Instant.parse(read.path("fullReadAt").asText())));
                        }
                    }
                    case "delivered" -> {
                        expect(value, JsonToken.START_ARRAY);
                        sawDelivered = true;
                        while (json.nextToken() == JsonToken.START_ARRAY) {
                            json.nextToken();
                            long key = Long.parseUnsignedLong(json.getText(), 16);
                            json.nextToken();
                            long version = Long.parseUnsignedLong(json.getText(), 16);
                            json.nextToken();
                            int day = json.getIntValue();
                            expect(json.nextToken(), JsonToken.END_ARRAY);
                            delivered.put(key, version, day);
                        }
                    }
                    default -> json.skipChildren();
                }
            }
        }
        if (feed == null || !sawDelivered) {
            throw new IOException("it is not a feed state: it lacks " + (feed == null ? "\"feed\"" : "")
                    + (feed == null && !sawDelivered ? " and " : "") + (sawDelivered ? "" : "\"delivered\""));
        }
        if (!feed.equals(stateKey)) {
            throw new IOException("it is the state of '" + LogSafe.text(feed) + "', not of '" + stateKey + "'");
        }
        FeedState state = new FeedState(watermark, delivered, committedParts);
        state.notBefore(notBefore);
        state.keyedByFeedOnly(keyedByFeedOnly);
        reads.forEach(state::dayRead);
        partitions.forEach((partition, closed) -> {
            if (closed == null) {
                state.partitionOpen(partition);
            } else {
                state.partitionClosed(partition, closed);
            }
        });
        return state;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
