package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The standalone simulator as a person starts it: its help, its usage errors, and what it prints when it runs. */
class SimulatorCommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    // --help lists every option and says which credentials and ids it accepts; docs/development.md says the same credentials.
    @Test
    void helpNamesTheOptionsAndTheCredentials() throws Exception {
        SimulatorCommandLine.Parsed parsed = parse("--help");

        assertNull(parsed.settings());
        assertEquals(0, parsed.exitCode());
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--port N", "--seed N", "--latency-ms N", "--customers N", "--responses-per-day N",
                "--extra-campaigns N", "--campaign-turnover 0|1", "--help")) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
        SimulatorSettings defaults = SimulatorSettings.builder().build();
        assertTrue(help.contains("token " + defaults.token()) && help.contains(defaults.username() + " / " + defaults.password()), help);
        assertTrue(help.contains("CUBE_CAMPAIGN_ID=926 CUBE_ASSIGNMENT_ID=240"), help);
        String development = Files.readString(Path.of("docs", "development.md"));
        assertTrue(development.contains("`" + defaults.token() + "`") && development.contains("`" + defaults.username() + "` / `"
                + defaults.password() + "`"), "docs/development.md names the simulator's credentials");
    }

    // An unknown option, a missing value and a value that is not a number or out of range exit 2, naming the option.
    @Test
    void usageErrorsExitTwoAndNameTheOption() {
        assertEquals(SimulatorCommandLine.USAGE, parse("--verbose").exitCode());
        assertEquals(SimulatorCommandLine.USAGE, parse("--seed").exitCode());
        assertEquals(SimulatorCommandLine.USAGE, parse("--port", "http").exitCode());
        assertEquals(SimulatorCommandLine.USAGE, parse("--port", "70000").exitCode());
        assertEquals(SimulatorCommandLine.USAGE, parse("--campaign-turnover", "2").exitCode());
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("cube-simulator: unknown option --verbose"), errors);
        assertTrue(errors.contains("cube-simulator: --seed needs a value"), errors);
        assertTrue(errors.contains("cube-simulator: --port http is not a whole number"), errors);
        assertTrue(errors.contains("cube-simulator: --port 70000: port must be in [0, 65535]"), errors);
        assertTrue(errors.contains("cube-simulator: --campaign-turnover 2: campaignTurnover must be 0 or 1 but was 2"), errors);
    }

    // campaigns come and go by default; --campaign-turnover 0 turns that off and --extra-campaigns adds campaigns
    @Test
    void campaignOptionsShapeTheAccount() {
        SimulatorSettings standalone = parse().settings();
        assertTrue(standalone.campaignTurnover());
        assertEquals(0, standalone.extraCampaigns());
        SimulatorSettings chosen = parse("--campaign-turnover", "0", "--extra-campaigns", "17").settings();
        assertFalse(chosen.campaignTurnover());
        assertEquals(17, chosen.extraCampaigns());
        assertEquals(20, new SimulatedAccount(chosen).campaigns().size());
    }

    // Started as its own JVM it prints its URL on the first line, then the settings that point the application at it,
    // and answers a request made with the token it printed.
    @Test
    void runningSimulatorPrintsWhereItIsAndHowToUseIt() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CubeSimulator.class.getName(), "--customers", "10")
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            URI url = URI.create(output.readLine());
            String printed = output.readLine() + "\n" + output.readLine() + "\n" + output.readLine();
            assertTrue(printed.contains("CUBE_BASE_URL=" + url + " CUBE_ALLOW_HTTP=true CUBE_TOKEN=demo-token"), printed);
            HttpResponse<String> campaigns = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("campaigns"))
                    .header("Authorization", "Token demo-token").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, campaigns.statusCode());
            assertTrue(campaigns.body().contains("\"campaign__id\":926"), campaigns.body());
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private SimulatorCommandLine.Parsed parse(String... args) {
        return SimulatorCommandLine.parse(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
