package io.cubeintegration.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import io.cubeintegration.cli.ApplicationProcess.Result;
import io.cubeintegration.cube.HostileCube;
import io.cubeintegration.feed.FeedYaml;
import org.junit.jupiter.api.Test;

/**
 * What an unlucky operator or an attacker can put in the files the application reads, tried on the application as a
 * process: feed files that are code, in the wrong encoding, with values Camel would act on; settings that would send
 * the token in the clear; state files that parse but are not states; a disk that is full.
 */
class HostileFilesTest extends ApplicationProcessTestSupport {

    // A plain Camel route that would post the token to another server is refused by --validate and by start-up, before
    // any route runs: the other server hears nothing, nor does Cube. Beside it, a Latin-1 file and values Camel would
    // act on and a path climbing out with %2e%2e are named with file, feed, parameter and reason; with
    // cube.allow-custom-routes the route file passes.
    @Test
    void feedFilesThatAreCodeAreRefused() throws Exception {
        try (HostileCube elsewhere = new HostileCube()) {
            Path routes = Files.createDirectories(workDir.resolve("feeds"));
            Path route = Files.writeString(routes.resolve("a-exfiltrate.yaml"), FeedYaml.exfiltratingRoute(elsewhere.baseUrl() + "collect"));
            Files.writeString(routes.resolve("b-campaigns.yaml"), FeedYaml.feed("cube-snapshot-feed", "campaigns", "campaigns"));
            Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), routes);

            Result refusedAtStart = ApplicationProcess.run(workDir, environment, "--once");
            Files.write(routes.resolve("c-kunder.yaml"), (FeedYaml.feed("cube-snapshot-feed", "kunder", "campaigns")
                    + "# Kunder i Bærum\n").getBytes(StandardCharsets.ISO_8859_1));
            Files.writeString(routes.resolve("d-values.yaml"), FeedYaml.feed("cube-snapshot-feed", "values", "campaigns",
                    "filters", "t={{env:CUBE_TOKEN}}", "keyField", "#class:java.io.File")
                    + FeedYaml.feed("cube-snapshot-feed", "upward", "campaigns/%2e%2e/%2E%2E/admin/"));
            Result validated = ApplicationProcess.run(workDir, environment, "--validate");
            Files.delete(routes.resolve("c-kunder.yaml"));
            Files.delete(routes.resolve("d-values.yaml"));
            environment.put("CUBE_ALLOW_CUSTOM_ROUTES", "true");
            Result allowed = ApplicationProcess.run(workDir, environment, "--validate");

            String refusal = route + ": holds a 'route' entry: feed files declare only templatedRoute entries";
            assertEquals(1, refusedAtStart.exitCode(), refusedAtStart.output());
            assertTrue(refusedAtStart.output().contains(refusal), refusedAtStart.output());
            assertEquals(1, validated.exitCode(), validated.output());
            assertTrue(validated.output().contains("cube-integration: the feed files have 5 problem(s):"), validated.output());
            assertTrue(validated.output().contains(routes.resolve("d-values.yaml") + ": feed upward: parameter path"
                    + " 'campaigns/%2e%2e/%2E%2E/admin/' must stay below the base URL"), validated.output());
            assertTrue(validated.output().contains(refusal), validated.output());
            assertTrue(validated.output().contains(routes.resolve("c-kunder.yaml") + ": cannot be read: it is not UTF-8: byte 0xE6"
                    + " on line 9"), validated.output());
            assertTrue(validated.output().contains(routes.resolve("d-values.yaml") + ": feed values: parameter filters uses the"
                    + " placeholder {{env:CUBE_TOKEN}}"), validated.output());
            assertTrue(validated.output().contains(routes.resolve("d-values.yaml") + ": feed values: parameter keyField"
                    + " '#class:java.io.File' would be read by Camel as a reference"), validated.output());
            assertEquals(0, allowed.exitCode(), allowed.output());
            assertEquals(List.of(), elsewhere.requested(), "the route never ran");
            assertEquals(List.of(), cube.journal().requests(), "nothing ran");
            assertFalse((refusedAtStart.output() + validated.output()).contains(settings.token()));
        }
    }

    // Plain http to a host that is not loopback is refused even with CUBE_ALLOW_HTTP; a valid feed that fires every
    // ten seconds or begins 400 days back passes --validate with a warning for each.
    @Test
    void unsafeSettingsAreRefusedAndSurprisingFeedsWarned() throws Exception {
        Path routes = Files.createDirectories(workDir.resolve("feeds"));
        String longAgo = LocalDate.now().minusDays(400).format(DateTimeFormatter.BASIC_ISO_DATE);
        Files.writeString(routes.resolve("eager.yaml"), FeedYaml.feed("cube-window-feed", "eager", "campaigns/926/responses/",
                "cron", "0/10 * * * * ?", "startDate", longAgo));
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), routes);

        Result warned = ApplicationProcess.run(workDir, environment, "--validate");
        environment.put("CUBE_BASE_URL", "http://cube.example.com/api/v1/");
        Result clear = ApplicationProcess.run(workDir, environment, "--validate");

        assertEquals(0, warned.exitCode(), warned.output());
        assertTrue(warned.output().contains("cube-integration: warning: " + routes.resolve("eager.yaml") + ": feed eager: cron"
                + " '0/10 * * * * ?' fires every 10 s"), warned.output());
        assertTrue(warned.output().contains("feed eager: startDate " + longAgo + " makes its first run fetch 40"), warned.output());
        assertTrue(warned.output().contains("cube-integration: settings and feed files are valid, with 2 warning(s)"), warned.output());
        assertEquals(1, clear.exitCode(), clear.output());
        assertTrue(clear.output().contains("cube.example.com uses http://, which CUBE_ALLOW_HTTP allows only for a host on loopback"),
                clear.output());
    }

    // A state file that parses but is not this feed's state, and a disk that is full when the state is saved: each
    // fails the run with the file and the reason, and Cube's records are not taken as delivered.
    @Test
    void statesThatAreNotAndAFullDiskAreNamed() throws Exception {
        Path routes = Files.createDirectories(workDir.resolve("feeds"));
        Files.writeString(routes.resolve("feeds.yaml"), FeedYaml.feed("cube-snapshot-feed", "campaigns", "campaigns")
                + FeedYaml.feed("cube-snapshot-feed", "customers", "assignments/{{cube.assignment-id}}/customers/"));
        Path data = Files.createDirectories(workDir.resolve("data"));
        Files.writeString(data.resolve("campaigns.state.json"), "{}");
        // the state is written to a temporary file first: here it is the device that is always full
        Files.createSymbolicLink(data.resolve(".customers.state.json.tmp"), Path.of("/dev/full"));
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), routes);

        Result result = ApplicationProcess.run(workDir, environment, "--once");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("  campaigns: feed campaigns: cannot read its state " + data.resolve("campaigns.state.json")
                + ": it is not a feed state: it lacks \"feed\" and \"delivered\""), result.output());
        assertTrue(result.output().contains("  customers: feed customers: cannot save its state to " + data.resolve("customers.state.json")
                + ": No space left on device"), result.output());
        assertEquals("{}", Files.readString(data.resolve("campaigns.state.json")));
        assertFalse(Files.exists(data.resolve("customers.state.json")), "no state, so the next run delivers again");
    }
}
