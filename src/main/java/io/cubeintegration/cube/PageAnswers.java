package io.cubeintegration.cube;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads an answer of a list endpoint as a page: DRF's paged object ({@code count}, {@code next}, {@code results}) or a
 * plain array; anything else, a body that is no JSON or a record that is no object, is one clear error naming the page.
 */
final class PageAnswers {

    /** A page, and the raw {@code next} link its answer gave (null for none). */
    record PageAnswer(CubePage page, String next) {
    }

    private final ObjectMapper mapper;

    PageAnswers(ObjectMapper mapper) {
        this.mapper = mapper;
    }


    PageAnswer read(String feedId, CubeResponse response, int number) {
        JsonNode root;
        try {
            root = mapper.readTree(response.body());
        } catch (IOException e) {
            // a body cut off on the way: asking again usually gets it whole
            throw new CubeApiException("feed " + feedId + ": page " + number + " from " + response.url()
                    + " is not JSON (" + parseProblem(e) + "); body starts: " + response.bodyExcerpt(),
                    response.status(), e, true);
        }
        JsonNode results;
        JsonNode next = null;
        long count = -1;
        if (root != null && root.isArray()) {
            results = root;
        } else if (root != null && root.isObject() && root.path("results").isArray()) {
            results = root.get("results");
            next = root.get("next");
            count = root.path("count").asLong(-1);
        } else {
            throw new CubeApiException("feed " + feedId + ": page " + number + " from " + response.url()
                    + " is neither a JSON array nor an object with a results array; body starts: "
                    + response.bodyExcerpt(), response.status(), null);
        }
        List<ObjectNode> records = new ArrayList<>(results.size());
        for (JsonNode record : results) {
            if (!record.isObject()) {
                throw new CubeApiException("feed " + feedId + ": page " + number + " from " + response.url()
                        + " holds a record that is not a JSON object: " + LogSafe.text(record.toString()));
            }
            records.add((ObjectNode) record);
        }
        String nextLink = next == null || next.isNull() || next.asText().isBlank() ? null : next.asText();
        return new PageAnswer(new CubePage(number, response.url(), count, Instant.now(), records, 0, PageNumbers.nextPageOf(nextLink)), nextLink);
    }

    private static String parseProblem(IOException e) {
        return LogSafe.text(e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
    }
}
