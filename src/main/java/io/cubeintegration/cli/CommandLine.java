package io.cubeintegration.cli;

import java.util.ArrayList;
import java.util.List;

import io.cubeintegration.feed.FeedWindow;

/** The command line, parsed and checked; a usage error says which option is wrong. */
record CommandLine(boolean help, boolean helpFeeds, boolean validate, boolean once, boolean demo, boolean kafka, String feed,
                   String from, String to, String resetWatermark) {

    static final String USAGE = """
            Usage: java -jar target/cube-integration.jar [options]

            Runs the Cube feeds declared in the route files (CUBE_ROUTES, default routes/) on their Quartz
            schedules until stopped. Settings come from config/application.properties and the environment
            (CUBE_BASE_URL, CUBE_TOKEN, ...: see docs/settings.md).

            Options:
              --once                 run every feed once now and exit: 0 when every feed succeeded, 1 otherwise
              --feed ID              with --once: run only this feed
              --from YYYYMMDD        with --once --feed: backfill a window feed from this day ...
              --to YYYYMMDD          ... to this day (inclusive; default: the --from day)
              --demo                 start the bundled Cube simulator on loopback, point the feeds at it and
                                     write to ./out: one round at once, then on schedule (with --once: one round)
              --kafka                with --demo: also start an embedded Kafka broker and publish every feed
                                     to its topic cube.<feed id> instead of writing files
              --validate             check the settings and every feed file, without calling Cube, and exit:
                                     0 when valid, 1 with the file and the field of each problem
              --reset-watermark YYYYMMDD --feed ID
                                     set the feed's watermark to the day before YYYYMMDD and forget what it
                                     delivered from that day on, so its next run fetches and delivers that day
                                     to today again (a run of the feed under way elsewhere finishes first)
              --help-feeds           print the feed kamelets and every parameter of each, and exit
              --help                 print this and exit
            """;

    static CommandLine parse(String... args) {
        boolean help = false;
        boolean helpFeeds = false;
        boolean validate = false;
        boolean once = false;
        boolean demo = false;
        boolean kafka = false;
        String feed = null;
        String from = null;
        String to = null;
        String resetWatermark = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--help", "-h" -> help = true;
                case "--help-feeds" -> helpFeeds = true;
                case "--validate" -> validate = true;
                case "--once" -> once = true;
                case "--demo" -> demo = true;
                case "--kafka" -> kafka = true;
                case "--feed" -> feed = value(option, rest);
                case "--from" -> from = value(option, rest);
                case "--to" -> to = value(option, rest);
                case "--reset-watermark" -> resetWatermark = value(option, rest);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (kafka && !demo) {
            throw new IllegalArgumentException("--kafka goes with --demo; to publish to your own brokers set CUBE_SINK=kafka and KAFKA_BROKERS");
        }
        if (resetWatermark != null) {
            if (feed == null || once || demo || from != null || to != null) {
                throw new IllegalArgumentException("--reset-watermark YYYYMMDD goes with --feed ID alone");
            }
            FeedWindow.parseDate(resetWatermark, "--reset-watermark");
        } else if (feed != null && !once) {
            throw new IllegalArgumentException("--feed goes with --once (or --reset-watermark)");
        }
        if ((from != null || to != null) && feed == null) {
            throw new IllegalArgumentException("--from/--to go with --once --feed ID");
        }
        if (to != null && from == null) {
            throw new IllegalArgumentException("--to needs --from");
        }
        if (from != null) {
            new FeedWindow(FeedWindow.parseDate(from, "--from"), FeedWindow.parseDate(to == null ? from : to, "--to"));
        }
        return new CommandLine(help, helpFeeds, validate, once, demo, kafka, feed, from, to, resetWatermark);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
