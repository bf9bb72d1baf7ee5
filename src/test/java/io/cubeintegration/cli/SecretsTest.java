package io.cubeintegration.cli;

import io.cubeintegration.Patience;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.cubeintegration.cli.ApplicationProcess.Result;
import io.cubeintegration.cube.HostileCube;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.SimulatorSettings;
import org.junit.jupiter.api.Test;

/**
 * No secret reaches a log line, an error message, a file the application writes or a management answer: each secret
 * setting holds a marker, and every output of runs that succeed and fail, in text and JSON logs, is searched for it.
 */
class SecretsTest extends ApplicationProcessTestSupport {

    private static final String TOKEN = "tok-7f3a9c21-secret";
    private static final String PASSWORD = "pw-b41e-secret";
    private static final String JDBC_PASSWORD = "jdbc-pw-5e1d-secret";
    private static final String JAAS_PASSWORD = "jaas-pw-93ab-secret";
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"cube\""
            + " password=\"" + JAAS_PASSWORD + "\"";
    private static final String KAFKA_TRUSTSTORE_PASSWORD = "kts-pw-2c7f-secret";
    private static final String CUBE_TRUSTSTORE_PASSWORD = "cts-pw-8a04-secret";

    @Override
    protected SimulatorSettings simulatorSettings() {
        return SimulatorSettings.builder().token(TOKEN).username("ola").password(PASSWORD).build();
    }

    // A token run (JSON logs), a Basic run and a rejected Basic run, every other secret setting set too: no secret,
    // nor the Basic header built from one, is in the output or in any file written.
    @Test
    void noLogLineOrFileHoldsACredential() throws Exception {
        Map<String, String> token = withEverySecret(ApplicationEnvironment.of(cube, TOKEN, ApplicationEnvironment.SHIPPED_FEEDS));
        token.put("CUBE_LOG_FORMAT", "json");
        Map<String, String> basic = withEverySecret(ApplicationEnvironment.of(cube, "", ApplicationEnvironment.SHIPPED_FEEDS));
        basic.put("CUBE_AUTH_METHOD", "basic");
        basic.put("CUBE_USERNAME", "ola");
        basic.put("CUBE_PASSWORD", PASSWORD);
        Map<String, String> wrongBasic = new HashMap<>(basic);
        wrongBasic.put("CUBE_PASSWORD", PASSWORD + "-wrong");

        // the enriched feed: the credentials go with every page and every customer lookup
        List<Result> results = List.of(ApplicationProcess.run(workDir, token, "--once", "--feed", "responses"),
                ApplicationProcess.run(workDir, basic, "--once", "--feed", "responses"),
                ApplicationProcess.run(workDir, wrongBasic, "--once", "--feed", "responses"));

        assertEquals(0, results.get(0).exitCode(), results.get(0).output());
        assertTrue(results.get(0).output().lines().filter(line -> line.contains("run ok")).allMatch(line -> line.startsWith("{")));
        assertEquals(0, results.get(1).exitCode(), results.get(1).output());
        assertEquals(1, results.get(2).exitCode(), results.get(2).output());
        assertNoSecretIn(results.stream().map(Result::output).toList());
    }

    // Where a secret is quoted back at us: a proxy that answers with the Authorization header it refused, a JAAS config
    // the Kafka client cannot parse (it holds the password), a state database that cannot be reached with its
    // password. The runs fail naming the cause; the readiness answer says why; no secret in any of it, or in a file.
    @Test
    void failuresThatQuoteASecretDoNotShowIt() throws Exception {
        List<String> outputs = new ArrayList<>();
        try (HostileCube proxy = new HostileCube()) {
            Path routes = Files.createDirectories(workDir.resolve("feeds"));
            Files.writeString(routes.resolve("echo.yaml"), FeedYaml.feed("cube-snapshot-feed", "echo", "echo/", "cron", "0/2 * * * * ?"));
            Map<String, String> environment = withEverySecret(ApplicationEnvironment.of(proxy.baseUrl(), TOKEN, routes));
            environment.put("CUBE_HEALTH_FAILED_RUNS_BEFORE_DOWN", "1");
            RunningApplication application = RunningApplication.start(workDir, environment);
            try {
                String ready = await().atMost(Patience.LONG).ignoreExceptions().until(
                        () -> application.get("/observe/health/ready?exposureLevel=full").body(), body -> body.contains("refused request"));
                assertTrue(ready.contains("refused request with Authorization: Token ****"), ready);
                outputs.add(ready);
                outputs.add(application.get("/observe/health/live?exposureLevel=full").body());
                outputs.add(application.get("/observe/metrics").body());
                outputs.add(application.output());
            } finally {
                application.close();
            }
        }
        Map<String, String> kafka = withEverySecret(ApplicationEnvironment.of(cube, TOKEN, ApplicationEnvironment.SHIPPED_FEEDS));
        kafka.put("CUBE_SINK", "kafka");
        kafka.put("KAFKA_BROKERS", "127.0.0.1:" + closedPort());
        kafka.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        kafka.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        Result kafkaRun = ApplicationProcess.run(workDir, kafka, "--once", "--feed", "campaigns");
        Map<String, String> jdbc = withEverySecret(ApplicationEnvironment.of(cube, TOKEN, ApplicationEnvironment.SHIPPED_FEEDS));
        jdbc.put("CUBE_STATE_STORE", "jdbc");
        jdbc.put("CUBE_STATE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/cube");
        jdbc.put("CUBE_STATE_JDBC_USER", "cube");
        Result jdbcRun = ApplicationProcess.run(workDir, jdbc, "--once");

        assertEquals(1, kafkaRun.exitCode(), kafkaRun.output());
        assertTrue(kafkaRun.output().contains("JAAS config entry not terminated by semi-colon (the SASL login cannot be set up:"
                + " check KAFKA_SASL_JAAS_CONFIG"), kafkaRun.output());
        assertEquals(1, jdbcRun.exitCode(), jdbcRun.output());
        assertTrue(jdbcRun.output().contains("cube-integration: the state database jdbc:postgresql://127.0.0.1:"), jdbcRun.output());
        outputs.add(kafkaRun.output());
        outputs.add(jdbcRun.output());
        assertNoSecretIn(outputs);
    }

    /** Every secret setting besides Cube's credentials, each holding its own marker (the JAAS config is left broken). */
    private static Map<String, String> withEverySecret(Map<String, String> environment) {
        environment.put("CUBE_STATE_JDBC_PASSWORD", JDBC_PASSWORD);
        environment.put("KAFKA_SASL_JAAS_CONFIG", JAAS);
        environment.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", KAFKA_TRUSTSTORE_PASSWORD);
        environment.put("CUBE_TRUSTSTORE_PASSWORD", CUBE_TRUSTSTORE_PASSWORD);
        return environment;
    }

    private void assertNoSecretIn(List<String> outputs) throws IOException {
        List<String> secrets = List.of(TOKEN, PASSWORD, JDBC_PASSWORD, JAAS_PASSWORD, KAFKA_TRUSTSTORE_PASSWORD, CUBE_TRUSTSTORE_PASSWORD,
                Base64.getEncoder().encodeToString(("ola:" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                Base64.getEncoder().encodeToString(("ola:" + PASSWORD + "-wrong").getBytes(StandardCharsets.UTF_8)));
        for (String output : outputs) {
            for (String secret : secrets) {
                assertFalse(output.contains(secret), "an output holds " + secret + ":\n" + output);
            }
        }
        try (Stream<Path> written = Files.walk(workDir)) {
            for (Path file : written.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertFalse(content.contains(secret), file + " holds " + secret);
                }
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
