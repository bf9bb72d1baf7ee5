package io.cubeintegration.cli;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

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

    // Every setting of the settings file, camel.* ones too, is overridden by the environment variable of its name.
    @Test
    void environmentOverridesEverySettingByOneNamingRule() {
        Map<String, String> overrides = CubeIntegrationLauncher.environmentOverrides(Map.of(
                "CUBE_OUT_DIR", "/data/out",
                "CAMEL_COMPONENT_KAFKA_MAX_BLOCK_MS", "3000",
                "CUBE_NOT_A_SETTING", "x"), Path.of("config/application.properties"));
        assertEquals(Map.of("cube.out-dir", "/data/out", "camel.component.kafka.max-block-ms", "3000"), overrides);
    }
}
