package io.cubeintegration.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    // A backfill names one feed and an inclusive range.
    @Test
    void backfillOptionsAreParsed() {
        CommandLine line = CommandLine.parse("--once", "--feed", "responses", "--from", "20240101", "--to", "20240103");
        assertTrue(line.once());
        assertFalse(line.kafka());
        assertEquals("responses", line.feed());
        assertEquals("20240101", line.from());
        assertEquals("20240103", line.to());
    }

    // Options that make no sense together are refused with the option named.
    @Test
    void inconsistentOptionsAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--feed", "x"))
                .getMessage().contains("--feed goes with --once"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--once", "--from", "20240101"))
                .getMessage().contains("--from/--to"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse("--once", "--feed", "x", "--from", "2024-01-01")).getMessage().contains("YYYYMMDD"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CommandLine.parse("--once", "--feed", "x", "--from", "20240105", "--to", "20240101"))
                .getMessage().contains("before it starts"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--once", "--kafka"))
                .getMessage().contains("--kafka goes with --demo"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("--bogus"))
                .getMessage().contains("unknown option --bogus"));
    }

    // A setting a feed file needs but nobody set is named with the environment variable that sets it.
    @Test
    void missingSettingIsNamedWithItsEnvironmentVariable() {
        assertEquals("Property with key [cube.campaign-id] not found in properties from text: campaigns/{{cube.campaign-id}}/"
                        + " (set CUBE_CAMPAIGN_ID in the environment, or cube.campaign-id in config/application.properties)",
                CubeIntegrationLauncher.withSettingHint(
                        "Property with key [cube.campaign-id] not found in properties from text: campaigns/{{cube.campaign-id}}/"));
    }

    // Settings resolve as Camel resolves them: the environment over the command line over the operator's file over
    // the jar's defaults, each value with where it came from, placeholders filled in.
    @Test
    void settingsResolveInCamelsOrderAndNameTheirSource(@TempDir Path folder) throws Exception {
        Path file = Files.writeString(folder.resolve("application.properties"), "cube.out-dir = /data/out\ncube.sink = kafka\n"
                + "home = from-the-file\ncube.topic-prefix = {{cube.sink}}.\n");
        Settings settings = Settings.resolve(file, Map.of("cube.sink", "file", "home", "from-the-command-line"));

        assertEquals("/data/out", settings.value("cube.out-dir").orElseThrow());
        assertEquals(file.toString(), settings.source("cube.out-dir"));
        assertEquals("file", settings.value("cube.sink").orElseThrow());
        assertEquals("the command line", settings.source("cube.sink"));
        assertEquals("file.", settings.value("cube.topic-prefix").orElseThrow());
        assertEquals("Europe/Oslo", settings.value("cube.time-zone").orElseThrow());
        assertEquals("the built-in defaults", settings.source("cube.time-zone"));
        // HOME is set in every test environment: the environment wins over the command line
        assertEquals(System.getenv("HOME"), settings.value("home").orElseThrow());
        assertEquals("the environment", settings.source("home"));
        assertEquals("CUBE_STATE_JDBC_POOL_SIZE", Settings.variable("cube.state-jdbc.pool-size"));
    }

    // --demo sets the connection to its simulator; an environment that sets any of those would win, so it is named.
    @Test
    void demoNamesTheEnvironmentVariablesThatWouldWin() {
        Map<String, String> environment = Map.of("CUBE_BASE_URL", "https://x.headshed.com/api/v1/", "KAFKA_BROKERS", "b:9092",
                "CUBE_OUT_DIR", "/out");

        assertEquals(List.of("CUBE_BASE_URL"), Demo.conflicts(CommandLine.parse("--demo"), environment));
        assertEquals(List.of("CUBE_BASE_URL", "KAFKA_BROKERS"),
                Demo.conflicts(CommandLine.parse("--demo", "--kafka"), environment));
        assertEquals(List.of(), Demo.conflicts(CommandLine.parse("--once"), environment));
    }

    // A CAMEL_COMPONENT_* variable names a component option by the same rule as the settings (Camel 4.18's own reading
    // of them never matched one); other variables are left alone.
    @Test
    void componentVariablesNameComponentOptions() {
        assertEquals(Map.of("camel.component.http.response-timeout", "1500", "camel.component.kafka.max-block-ms", "5000"),
                Settings.componentOptions(Map.of("CAMEL_COMPONENT_HTTP_RESPONSE_TIMEOUT", "1500",
                        "CAMEL_COMPONENT_KAFKA_MAX_BLOCK_MS", "5000", "CUBE_TOKEN", "x", "CAMEL_MAIN_NAME", "y")));
    }
}
