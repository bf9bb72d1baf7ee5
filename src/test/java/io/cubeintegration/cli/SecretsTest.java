package io.cubeintegration.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cubeintegration.cli.ApplicationProcess.Result;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Credentials never reach a log line, an error message or a file the application writes. */
class SecretsTest {

    private static final String TOKEN = "tok-7f3a9c21-secret";
    private static final String PASSWORD = "pw-b41e-secret";

    private final CubeSimulator simulator = CubeSimulator.start(SimulatorSettings.builder()
            .token(TOKEN).username("ola").password(PASSWORD).build());

    @TempDir
    Path workDir;

    @AfterEach
    void closeSimulator() {
        simulator.close();
    }

    // A token run, a Basic run and a rejected Basic run: neither the token, nor the password, nor the Basic header
    // built from it appears in the output (Camel's start-up summary included) or in any file written.
    @Test
    void noLogLineOrFileHoldsACredential() throws Exception {
        Map<String, String> token = CommandLineProcessTest.cubeEnvironment(simulator, TOKEN, Path.of("routes").toAbsolutePath());
        Map<String, String> basic = CommandLineProcessTest.cubeEnvironment(simulator, "", Path.of("routes").toAbsolutePath());
        basic.put("CUBE_AUTH_METHOD", "basic");
        basic.put("CUBE_USERNAME", "ola");
        basic.put("CUBE_PASSWORD", PASSWORD);
        Map<String, String> wrongBasic = new java.util.HashMap<>(basic);
        wrongBasic.put("CUBE_PASSWORD", PASSWORD + "-wrong");

        List<Result> results = List.of(ApplicationProcess.run(workDir, token, "--once"),
                ApplicationProcess.run(workDir, basic, "--once"), ApplicationProcess.run(workDir, wrongBasic, "--once"));

        assertEquals(0, results.get(0).exitCode(), results.get(0).output());
        assertEquals(0, results.get(1).exitCode(), results.get(1).output());
        assertEquals(1, results.get(2).exitCode(), results.get(2).output());
        List<String> secrets = List.of(TOKEN, PASSWORD,
                Base64.getEncoder().encodeToString(("ola:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("ola:" + PASSWORD + "-wrong").getBytes(StandardCharsets.UTF_8)));
        for (Result result : results) {
            for (String secret : secrets) {
                assertFalse(result.output().contains(secret), "output holds a credential");
            }
        }
        try (Stream<Path> written = Files.walk(workDir)) {
            for (Path file : written.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertFalse(content.contains(secret), file + " holds a credential");
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
