package io.cubeintegration.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.simulator.CubeSimulator;

/** What the tests compare: the lines a feed's file sink delivered, and the records the simulator holds, as lines. */
public final class Delivered {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Delivered() {
    }

    /** Every line of every complete output file of a feed ({@code <out dir>/<feed>/*.jsonl}), none if there is none. */
    public static List<String> fileLines(Path outDir, String feed) throws IOException {
        Path folder = outDir.resolve(feed);
        List<String> lines = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".jsonl")).sorted().toList()) {
                    lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            }
        }
        return lines;
    }

    /** The default campaign's responses of the simulator's today, as the file sink writes them. */
    public static List<String> todaysResponses(CubeSimulator cube) throws IOException {
        Map<String, String> day = new LinkedHashMap<>();
        day.put("from_date", FeedWindow.CUBE_DATE.format(cube.account().today()));
        day.put("to_date", FeedWindow.CUBE_DATE.format(cube.account().today()));
        return lines(cube.account().records(responsesPath(cube), day));
    }

    public static String responsesPath(CubeSimulator cube) {
        return "campaigns/" + cube.account().defaultCampaignId() + "/responses/";
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

    /** Records as the lines the file sink writes: the JSON Cube sent. */
    public static List<String> lines(List<ObjectNode> records) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ObjectNode record : records) {
            lines.add(JSON.writeValueAsString(record));
        }
        return lines;
    }
}
