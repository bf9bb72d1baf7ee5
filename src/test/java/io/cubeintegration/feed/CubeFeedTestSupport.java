package io.cubeintegration.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cli.CubeIntegrationApplication;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the real application (Camel Main, the shipped templates, the feed files) against a simulator over loopback
 * HTTP, with the Quartz schedules off so each test runs its feeds itself and reads back what the file sink wrote.
 */
public abstract class CubeFeedTestSupport extends CamelMainTestSupport {

    /** Serialises expected records exactly as the pipeline's file sink does. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected CubeSimulator simulator;
    /** The test's output, state and feed files; JUnit removes it after the test. */
    @TempDir
    Path folder;
    protected Path outDir;
    protected Path stateDir;
    protected Path routesDir;
    /**
     * Camel asks for these in the test's constructor and reads them when it creates the context, after
     * {@link #doPreSetup()} filled them in. No initializer: it would run after Camel's call and replace them.
     */
    private Properties overrides;

    /** The simulator this test class talks to; override to change its data, pages or faults. */
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().build();
    }

    /** The feed files to load: the test's own when {@link #writeRouteFiles()} wrote any, else the shipped examples. */
    private String routeFiles() {
        try (Stream<Path> written = Files.list(routesDir)) {
            return written.findAny().isPresent() ? routesDir + "/*.yaml" : "routes/*.yaml";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings on top of config/application.properties, for a test that needs its own. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        if (overrides == null) {
            overrides = new Properties();
        }
        return overrides;
    }

    @Override
    protected void doPreSetup() throws Exception {
        simulator = CubeSimulator.start(simulatorSettings());
        outDir = Files.createDirectories(folder.resolve("out"));
        stateDir = Files.createDirectories(folder.resolve("state"));
        routesDir = Files.createDirectories(folder.resolve("routes"));
        writeRouteFiles();
        // the management server has tests of its own (ManagementEndpointsTest); here it would only take a port
        overrides.put("camel.management.enabled", "false");
        overrides.put("cube.base-url", simulator.baseUrl().toString());
        overrides.put("cube.allow-http", "true");
        overrides.put("cube.auth-method", "token");
        overrides.put("cube.token", simulatorSettings().token());
        overrides.put("cube.campaign-id", Integer.toString(simulator.account().defaultCampaignId()));
        overrides.put("cube.assignment-id", Integer.toString(simulator.account().defaultAssignmentId()));
        overrides.put("cube.out-dir", outDir.toString());
        overrides.put("cube.state-dir", stateDir.toString());
        overrides.put("camel.component.quartz.auto-start-scheduler", "false");
        // retries as the product does them, only with short waits
        overrides.put("cube.retry.initial-delay", "10");
        overrides.putAll(settings());
    }

    /** Writes the test's own feed files into {@link #routesDir} before the application starts. */
    protected void writeRouteFiles() {
    }

    @Override
    protected String getPropertyPlaceholderLocations() {
        return "classpath:application.properties";
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.withBasePackageScanEnabled(false)
                .withRoutesIncludePattern(FeedKamelets.ROUTES + ",file:" + routeFiles());
        CubeIntegrationApplication.CONFIGURATIONS.forEach(type -> configuration.addConfiguration((Class) type));
    }

    @AfterEach
    void closeSimulator() {
        simulator.close();
    }

    /** Writes a feed file the way an operator would, into this test's own routes folder. */
    protected Path writeRouteFile(String name, String yaml) {
        try {
            return Files.writeString(routesDir.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Triggers a feed now, as its schedule would, and returns its plan with the runs it made. */
    protected FeedPlan trigger(String feedId) {
        return FeedTrigger.runNow(context, feedId, null, null);
    }

    /** Triggers a feed whose trigger makes one run (a snapshot, or a window feed's first), and returns that run. */
    protected FeedRun run(String feedId) {
        List<FeedRun> runs = trigger(feedId).runs();
        assertEquals(1, runs.size(), "runs of feed " + feedId);
        return runs.get(0);
    }

    /** The lines of the one output file the feed's runs left, decoded strictly as UTF-8. */
    protected List<String> outputLines(String feedId) {
        List<Path> files = outputFiles(feedId);
        assertEquals(1, files.size(), "output files of feed " + feedId + ": " + files);
        return lines(files.get(0));
    }

    protected List<Path> outputFiles(String feedId) {
        Path folder = outDir.resolve(feedId);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static List<String> lines(Path file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            assertEquals("", lines.remove(lines.size() - 1), "the file ends with a newline");
            return lines;
        } catch (CharacterCodingException e) {
            throw new AssertionError(file + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the file sink must write for these records: one compact JSON object per line, in order. */
    protected static List<String> jsonLines(List<ObjectNode> records) {
        return records.stream().map(CubeFeedTestSupport::json).toList();
    }

    /** The responses as enriched by the pipeline: each with its customer, or null where Cube has none. */
    protected List<ObjectNode> enriched(List<ObjectNode> responses, int assignmentId) {
        return responses.stream().map(response -> {
            ObjectNode copy = response.deepCopy();
            copy.set("customer", simulator.account()
                    .customer(assignmentId, response.get("crm_customer_id").asLong())
                    .<com.fasterxml.jackson.databind.JsonNode>map(c -> c)
                    .orElse(NullNode.getInstance()));
            return copy;
        }).toList();
    }

    /** Cube's query of a window: from_date and to_date, in that order. */
    protected static Map<String, String> window(LocalDate from, LocalDate to) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from_date", FeedWindow.CUBE_DATE.format(from));
        query.put("to_date", FeedWindow.CUBE_DATE.format(to));
        return query;
    }

    /** The responses the simulator holds for the default campaign today, in Cube's order. */
    protected List<ObjectNode> responsesOfToday() {
        LocalDate today = simulator.account().today();
        return simulator.account().records("campaigns/" + simulator.account().defaultCampaignId() + "/responses/",
                window(today, today));
    }

    protected static String json(ObjectNode record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

}
