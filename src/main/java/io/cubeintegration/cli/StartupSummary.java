package io.cubeintegration.cli;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import io.cubeintegration.feed.FeedSpec;
import io.cubeintegration.feed.FeedSpecs;
import io.cubeintegration.state.FeedStateStore;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/**
 * The few lines start-up logs for a person: the feeds with their schedules, next runs and destinations, where the state
 * is kept, and where to watch the application. They replace Camel's lists of settings, jobs and routes.
 */
final class StartupSummary {

    private static final DateTimeFormatter NEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private StartupSummary() {
    }

    static List<String> lines(CamelContext context) {
        PropertiesComponent properties = context.getPropertiesComponent();
        List<FeedSpec> feeds = context.getRegistry().lookupByNameAndType("feedSpecs", FeedSpecs.class).all()
                .stream().filter(feed -> context.getRoute(feed.getId()) != null)
                .sorted(Comparator.comparing(FeedSpec::getId)).toList();
        FeedStateStore state = context.getRegistry().lookupByNameAndType("feedStateStore", FeedStateStore.class);
        List<String> lines = new ArrayList<>();
        lines.add(feeds.size() + " feed(s) from " + FeedFileLocation.of(properties.resolveProperty("cube.routes").orElseThrow()).folder()
                + ", state in " + state.describe() + ":");
        int width = feeds.stream().mapToInt(feed -> feed.getId().length()).max().orElse(0);
        for (FeedSpec feed : feeds) {
            lines.add(String.format("  %-" + width + "s  GET %s, cron '%s' %s, next %s -> %s%s", feed.getId(), feed.getPath(), feed.getCron(),
                    feed.zone(), nextRun(context, feed), feed.sinkDescription(), feed.partitionDescription()));
        }
        if (properties.resolveProperty("camel.management.enabled").map(Boolean::parseBoolean).orElse(false)) {
            String root = "http://" + properties.resolveProperty("cube.management-host").orElseThrow().trim() + ":"
                    + properties.resolveProperty("cube.management-port").orElseThrow().trim();
            String authFile = properties.resolveProperty("cube.management-auth-file").orElse("").trim();
            lines.add("Readiness " + root + "/observe/health/ready, liveness " + root + "/observe/health/live, metrics "
                    + root + "/observe/metrics" + (authFile.isEmpty() ? "" : "; Basic authentication on "
                    + properties.resolveProperty("cube.management-auth-path").orElseThrow().trim() + " (users in " + authFile + ")"));
        }
        return lines;
    }

    /** The next time the feed's trigger fires, in the feed's time zone; "not scheduled" when Quartz has none. */
    private static String nextRun(CamelContext context, FeedSpec feed) {
        try {
            Trigger trigger = context.getComponent("quartz", QuartzComponent.class).getScheduler()
                    .getTrigger(TriggerKey.triggerKey(feed.getId(), "cube-feeds"));
            Date next = trigger == null ? null : trigger.getNextFireTime();
            return next == null ? "not scheduled" : NEXT.format(next.toInstant().atZone(feed.zone()));
        } catch (SchedulerException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
