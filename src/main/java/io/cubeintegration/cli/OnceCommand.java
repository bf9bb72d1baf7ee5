package io.cubeintegration.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.feed.FeedPlan;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedTrigger;
import org.apache.camel.CamelContext;

/**
 * {@code --once} (and a demo's or {@code cube.run-at-start}'s round): every feed, or the one {@code --feed} names,
 * triggered once through Camel as its schedule would, in feed-id order; the exit code says whether all succeeded.
 */
final class OnceCommand {

    private OnceCommand() {
    }

    static int run(CamelContext context, CommandLine commandLine) {
        List<String> feeds = commandLine.feed() == null
                ? FeedTrigger.feedIds(context).stream().sorted().toList() : List.of(commandLine.feed());
        if (feeds.isEmpty()) {
            System.err.println("cube-integration: no feeds are declared in the route files");
            return CubeIntegrationLauncher.FAILED;
        }
        List<String> failed = new ArrayList<>();
        long records = 0;
        int runs = 0;
        Duration running = Duration.ZERO;
        for (String feed : feeds) {
            try {
                // the trigger's wall time: a partitioned feed's campaigns run side by side
                Instant started = Instant.now();
                FeedPlan plan = FeedTrigger.runNow(context, feed, commandLine.from(), commandLine.to());
                running = running.plus(Duration.between(started, Instant.now()));
                for (FeedRun run : plan.runs()) {
                    runs++;
                    records += run.records();
                    if (!run.isSucceeded()) {
                        failed.add(run.feedId() + ": " + (run.failure() == null ? "failed" : LogSafe.failure(run.failure())));
                    }
                }
            } catch (IllegalArgumentException e) {
                failed.add(feed + ": " + LogSafe.failure(e));
            }
        }
        if (failed.isEmpty()) {
            // a window feed's trigger makes a run (and a file) per day: the count is of runs, as the log lines are
            System.out.printf(Locale.ROOT, "cube-integration: %d run(s) of %d feed(s) succeeded: %d records in %.3f s of runs%n",
                    runs, feeds.size(), records, running.toNanos() / 1e9);
            return CubeIntegrationLauncher.OK;
        }
        System.err.println("cube-integration: " + failed.size() + " of " + feeds.size() + " feed(s) failed:");
        failed.forEach(line -> System.err.println("  " + line));
        return CubeIntegrationLauncher.FAILED;
    }
}
