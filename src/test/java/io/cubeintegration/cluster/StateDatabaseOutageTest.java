package io.cubeintegration.cluster;

import io.cubeintegration.Patience;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.cubeintegration.cli.ApplicationProcess;
import io.cubeintegration.cli.RunningApplication;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.state.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state database as a fault of its own: away when the instances start, and stopped and started again while they
 * run. Two instances on a PostgreSQL of the test's own, which it stops and starts on the same data and port.
 */
class StateDatabaseOutageTest extends ClusterTestSupport {

    private static final int PER_DAY = 200;

    private EmbeddedPostgres postgres;

    @AfterEach
    void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    // Away at start: --once exits 1 naming the database and the cause, a scheduled instance stays up and live but not
    // ready, saying why. Back: the instances run. Stopped mid-run: the run under way fails and is counted, readiness
    // goes DOWN; started again: everything resumes, and the files hold every record exactly once.
    @Test
    void instancesRideOutTheStateDatabaseGoingAway() throws Exception {
        startCube(SimulatorSettings.builder().pageSize("responses", 10).responsesPerDay(PER_DAY).latencyMillis(60).build());
        Files.writeString(Files.createDirectories(workDir.resolve("routes")).resolve("responses.yaml"),
                FeedYaml.feed("cube-window-feed", "responses", Delivered.responsesPath(cube), "cron", "0/1 * * * * ?"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path data = workDir.resolve("postgres");
        postgres = TestPostgres.startOwn(data, port);
        TestPostgres.Database database = TestPostgres.create(port);
        postgres.close();
        String named = "the state database " + database.url() + " (schema cube, CUBE_STATE_JDBC_URL)";

        ApplicationProcess.Result once = ApplicationProcess.run(workDir, environment(database, "once"), "--once");
        RunningApplication a = start(environment(database, "a"));
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> ready(a).body().contains("cannot be reached"));
        HttpResponse<String> notReady = ready(a);
        HttpResponse<String> live = a.get("/observe/health/live");

        assertEquals(1, once.exitCode(), once.output());
        assertTrue(once.output().contains("cube-integration: " + named + " cannot prepare its tables: Connection refused"), once.output());
        assertEquals(503, notReady.statusCode());
        assertTrue(notReady.body().contains("state-database") && notReady.body().contains("Connection refused"), notReady.body());
        assertEquals(200, live.statusCode(), live.body());

        postgres = TestPostgres.startOwn(data, port);
        RunningApplication b = start(environment(database, "b"));
        AtomicInteger soFar = growResponses(20, PER_DAY);
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> ready(a).statusCode() == 200 && runs("responses", "ok") >= 2);

        // stopped while a run is under way (runs take over a second: ten pages of 60 ms and more)
        long started = runsStarted();
        await().atMost(Patience.LONG).until(() -> runsStarted() > started);
        postgres.close();
        postgres = null;
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> runs("responses", "failed") >= 1
                && ready(a).statusCode() == 503 && ready(b).statusCode() == 503);
        postgres = TestPostgres.startOwn(data, port);

        await().atMost(Patience.LONG).until(() -> soFar.get() == PER_DAY);
        List<String> responses = Delivered.todaysResponses(cube);
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> ready(a).statusCode() == 200 && ready(b).statusCode() == 200
                && Set.copyOf(output.completeLines("responses")).containsAll(responses));
        for (RunningApplication application : this.started) {
            application.close();
        }
        Delivered.assertExactlyOnce(responses, output.completeLines("responses"), "every response exactly once");
        for (RunningApplication application : this.started) {
            assertFalse(application.output().contains(database.password()), "no log line holds the database password");
        }
        assertFalse(once.output().contains(database.password()));
    }

    private static HttpResponse<String> ready(RunningApplication application) throws IOException, InterruptedException {
        return application.get("/observe/health/ready?exposureLevel=full");
    }

    /** Every run reads its day in full, not only its tail: runs take long enough for the database to go away under one. */
    @Override
    protected Map<String, String> environment(TestPostgres.Database database, String name) {
        Map<String, String> environment = super.environment(database, name);
        environment.put("CUBE_RECONCILE_INTERVAL", "0");
        return environment;
    }
}
