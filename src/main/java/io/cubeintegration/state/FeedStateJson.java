package io.cubeintegration.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one JSON form of a {@link FeedState}, whichever store keeps it, written and read as a stream so a state of a
 * million records never exists as one big string:
 * {@code {"feed":…,"watermark":"2026-11-24","committedParts":[…],"delivered":[["<key hex>","<version hex>",<epoch day>],…]}}.
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

    FeedState read(InputStream in) throws IOException {
        LocalDate watermark = null;
        LocalDate notBefore = null;
        boolean keyedByFeedOnly = true;
        List<String> committedParts = new ArrayList<>();
        DeliveredRecords delivered = new DeliveredRecords();
        try (JsonParser json = factory.createParser(in)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.getCurrentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "watermark" -> watermark = value == JsonToken.VALUE_NULL ? null : LocalDate.parse(json.getText());
                    case "notBefore" -> notBefore = value == JsonToken.VALUE_NULL ? null : LocalDate.parse(json.getText());
                    case "format" -> keyedByFeedOnly = false;
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
                    case "delivered" -> {
                        expect(value, JsonToken.START_ARRAY);
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
        FeedState state = new FeedState(watermark, delivered, committedParts);
        state.notBefore(notBefore);
        state.keyedByFeedOnly(keyedByFeedOnly);
        return state;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }
}
