package io.cubeintegration.state;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one JSON form of a {@link FeedState}, whichever store keeps it. */
final class FeedStateJson {

    private final ObjectMapper mapper;

    FeedStateJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] write(String feedId, FeedState state) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.put("feed", feedId);
        root.put("watermark", state.watermark() == null ? null : state.watermark().toString());
        root.put("committedPart", state.committedPart());
        ObjectNode delivered = root.putObject("delivered");
        state.delivered().forEach((id, delivery) ->
                delivered.putArray(id).add(delivery.contentHash()).add(delivery.day().toString()));
        return mapper.writeValueAsBytes(root);
    }

    FeedState read(byte[] json) throws IOException {
        JsonNode root = mapper.readTree(json);
        Map<String, FeedState.Delivery> delivered = new HashMap<>();
        root.path("delivered").fields().forEachRemaining(entry -> delivered.put(entry.getKey(),
                new FeedState.Delivery(entry.getValue().get(0).asText(), LocalDate.parse(entry.getValue().get(1).asText()))));
        JsonNode watermark = root.path("watermark");
        JsonNode part = root.path("committedPart");
        return new FeedState(watermark.isTextual() ? LocalDate.parse(watermark.asText()) : null, delivered,
                part.isTextual() ? part.asText() : null);
    }
}
