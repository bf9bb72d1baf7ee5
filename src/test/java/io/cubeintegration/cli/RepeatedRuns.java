package io.cubeintegration.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.cubeintegration.feed.FeedPlan;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedTrigger;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * For the benchmark: the application as {@code --once} starts it, running one feed several times in the same JVM,
 * its state forgotten before each run so every run does the same work. The first run pays for a cold JVM (classes
 * loading, the JIT compiling); the later ones show the steady state of an application that runs on its schedules.
 * Arguments: feed id, runs. Settings from the environment, as for the application.
 */
public final class RepeatedRuns {

    private RepeatedRuns() {
    }

    public static void main(String[] args) throws Exception {
        String feed = args[0];
        int runs = Integer.parseInt(args[1]);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("camel.component.quartz.auto-start-scheduler", "false");
        overrides.put("camel.management.enabled", "false");
        Main main = CubeIntegrationLauncher.createMain(overrides);
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            Path state = Path.of(context.getPropertiesComponent().resolveProperty("cube.state-dir").orElseThrow());
            for (int run = 1; run <= runs; run++) {
                try (var files = Files.list(state)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                // the trigger's wall time, as --once reports it: a partitioned feed's campaigns run side by side
                long started = System.nanoTime();
                long cpu = ThreadCpu.processNanos();
                Map<String, Long> threads = ThreadCpu.ticksByKind();
                FeedPlan plan = FeedTrigger.runNow(context, feed, null, null);
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuSeconds = (ThreadCpu.processNanos() - cpu) / 1e9;
                String cpuByThread = ThreadCpu.describe(ThreadCpu.ticksByKind(), threads);
                long records = plan.runs().stream().mapToLong(FeedRun::records).sum();
                System.out.printf(Locale.ROOT, "run %d of %d: %d records in %.3f s, cpu %.3f s (%s)%s%n", run, runs, records,
                        seconds, cpuSeconds, cpuByThread, plan.succeeded() ? "" : " FAILED");
            }
        } finally {
            main.stop();
        }
    }
}
