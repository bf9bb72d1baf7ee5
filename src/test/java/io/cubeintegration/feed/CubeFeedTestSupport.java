package io.cubeintegration.feed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cli.CubeIntegrationApplication;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs the real application (Camel Main, the shipped templates, the feed files) against a simulator over loopback
 * HTTP, with the Quartz schedules off so each test runs its feeds itself and reads back what the file sink wrote.
 */
public abstract class CubeFeedTestSupport extends CamelMainTestSupport {

    /** A plain mapper, for the application's parts a test builds itself. */
    protected static final ObjectMapper JSON = new ObjectMapper();

    /** Started before the Camel context, for its base URL; closed after the test, once the context has stopped. */
    @AutoClose
    protected CubeSimulator simulator;
    /** The test's output, state and feed files; JUnit removes it after the test. */
    @TempDir
    Path folder;
    protected Path outDir;
    /** What the file sink wrote to {@link #outDir}. */
    protected OutputFolder output;
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
        output = new OutputFolder(outDir);
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
}
