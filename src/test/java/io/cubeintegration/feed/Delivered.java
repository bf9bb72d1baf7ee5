package io.cubeintegration.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.simulator.CubeSimulator;

/**
 * What the tests compare a feed's delivery with: the records the simulator holds, as the lines the sinks write them
 * (one compact JSON object a line, as Cube sent it), and the check that each arrived exactly once.
 */
public final class Delivered {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Delivered() {
    }

    /** A record as the line a sink writes for it: the JSON Cube sent, compact. */
    public static String line(JsonNode record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records as the lines a sink writes for them, in order. */
    public static List<String> lines(List<? extends JsonNode> records) {
        return records.stream().map(Delivered::line).toList();
    }

    /** A delivered line read back as the record it holds. */
    public static JsonNode record(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cube's query of a window: from_date and to_date, in that order. */
    public static Map<String, String> window(LocalDate from, LocalDate to) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from_date", FeedWindow.CUBE_DATE.format(from));
        query.put("to_date", FeedWindow.CUBE_DATE.format(to));
        return query;
    }

    public static String responsesPath(CubeSimulator cube) {
        return "campaigns/" + cube.account().defaultCampaignId() + "/responses/";
    }

    /** The responses the simulator holds for the default campaign on its today, in Cube's order. */
    public static List<ObjectNode> responsesOfToday(CubeSimulator cube) {
        LocalDate today = cube.account().today();
        return cube.account().records(responsesPath(cube), window(today, today));
    }

    /** {@link #responsesOfToday} as the file sink writes them. */
    public static List<String> todaysResponses(CubeSimulator cube) {
        return lines(responsesOfToday(cube));
    }

    /** The responses as an enriching feed delivers them: each with its customer of the assignment, or null where Cube has none. */
    public static List<ObjectNode> enriched(CubeSimulator cube, List<ObjectNode> responses, int assignmentId) {
        return responses.stream().map(response -> {
            ObjectNode copy = response.deepCopy();
            copy.set("customer", cube.account().customer(assignmentId, response.get("crm_customer_id").asLong())
                    .<JsonNode>map(customer -> customer).orElse(NullNode.getInstance()));
            return copy;
        }).toList();
    }

    /**
     * Fails unless {@code delivered} holds each of {@code expected} exactly once and nothing else; the message names
     * what is missing and what came twice, not two thousand lines to compare by eye.
     */
    public static void assertExactlyOnce(Collection<String> expected, Collection<String> delivered, String what) {
        Map<String, Long> counts = delivered.stream().collect(Collectors.groupingBy(line -> line, TreeMap::new, Collectors.counting()));
        List<String> missing = expected.stream().filter(line -> !counts.containsKey(line)).toList();
        Map<String, Long> twice = new TreeMap<>(counts);
        twice.values().removeIf(count -> count < 2);
        Set<String> unexpected = new TreeSet<>(counts.keySet());
        unexpected.removeAll(Set.copyOf(expected));
        if (!missing.isEmpty() || !twice.isEmpty() || !unexpected.isEmpty()) {
            throw new AssertionError(what + ": " + expected.size() + " expected, " + delivered.size() + " delivered; "
                    + missing.size() + " missing " + missing + "; " + twice.size() + " more than once " + twice + "; "
                    + unexpected.size() + " not expected " + unexpected);
        }
    }
}
