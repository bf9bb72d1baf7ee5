package io.cubeintegration.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.feed.FeedFileCheck;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies edits of the feed files while the application runs (cube.routes-reload): Camel's file watcher and routes
 * loader, with the feed file rules on top. A changed file is checked first, by the check {@code --validate} and
 * start-up run, and a file with a problem is refused: the running feeds go on as before. A file that passes replaces
 * the feeds it declared before (a run under way finishes first); should Camel still fail to apply it, the feeds of
 * the file as it last applied run again. Either way one ERROR line names the file, the feed and the reason, and the
 * readiness check {@code feed-files} is DOWN with that reason until a good version of the file is saved. A deleted
 * file's feeds stop.
 */
final class FeedFilesReload extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(FeedFilesReload.class);

    private final FeedFileLocation location;
    /** The content of each file as it last applied: what runs again when a new version cannot be applied. */
    private final Map<Path, String> applied = new ConcurrentHashMap<>();
    /** The files whose last edit was refused, with why. */
    private final Map<Path, String> refused = new ConcurrentSkipListMap<>();

    /** @param routes the CUBE_ROUTES value: a folder, or a glob of files in one folder */
    FeedFilesReload(String routes) {
        this(FeedFileLocation.of(routes));
    }

    private FeedFilesReload(FeedFileLocation location) {
        super(location.folder().toString(), false);
        this.location = location;
        setPattern(location.pattern());
        // never remove every route: the kamelets and the shared feed routes come from the jar, not from this folder
        setRemoveAllRoutes(false);
    }

    @Override
    protected void doStart() throws Exception {
        for (Path file : feedFiles()) {
            applied.put(file, Files.readString(file, StandardCharsets.UTF_8));
        }
        FeedFilesCheck check = new FeedFilesCheck();
        check.setCamelContext(getCamelContext());
        getCamelContext().getRegistry().bind("health-" + check.getId(), check);
        super.doStart();
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        for (Resource resource : resources) {
            Path file = Path.of(resource.getURI()).toAbsolutePath().normalize();
            try {
                reload(file);
            } catch (Exception e) {
                refuse(file, "could not be applied: " + LogSafe.failure(e));
            }
        }
    }

    private void reload(Path file) throws Exception {
        if (!Files.exists(file)) {
            List<String> stopped = declared(applied.remove(file));
            stopFeeds(stopped);
            refused.remove(file);
            LOG.info("Feed file {} removed: its feeds {} stopped", file, stopped);
            return;
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        if (content.isBlank()) {
            // an editor truncates before it writes; a file meant to stop its feeds is deleted
            LOG.info("Feed file {} is empty: ignored until it has content (delete it to stop its feeds)", file);
            return;
        }
        List<String> problems = FeedFileCheck.of(getCamelContext().getPropertiesComponent()).check(feedFiles()).stream()
                .filter(problem -> problem.startsWith(file + ":"))
                .toList();
        if (!problems.isEmpty()) {
            refuse(file, "refused, the running feeds go on unchanged: " + String.join("; ", problems));
            return;
        }
        String before = applied.get(file);
        List<String> previous = declared(before);
        stopFeeds(previous);
        try {
            load(file, content);
        } catch (Exception e) {
            // the new version did not apply: its feeds go, the last good version's come back
            stopFeeds(FeedFileCheck.feedIds(content));
            if (before != null) {
                load(file, before);
            }
            refuse(file, "could not be applied, " + (before == null ? "it has no feeds running" : "its feeds " + previous
                    + " run as before") + ": " + LogSafe.failure(e));
            return;
        }
        applied.put(file, content);
        refused.remove(file);
        LOG.info("Feed file {} loaded: feeds {} (before: {})", file, FeedFileCheck.feedIds(content), previous);
    }

    /** Loads a version of a file and starts its feeds. */
    private void load(Path file, String content) throws Exception {
        PluginHelper.getRoutesLoader(getCamelContext()).loadRoutes(ResourceHelper.fromString(file.toUri().toString(), content));
        for (String id : FeedFileCheck.feedIds(content)) {
            if (getCamelContext().getRoute(id) != null && !getCamelContext().getRouteController().getRouteStatus(id).isStarted()) {
                getCamelContext().getRouteController().startRoute(id);
            }
        }
    }

    private void stopFeeds(List<String> feeds) throws Exception {
        for (String id : feeds) {
            if (getCamelContext().getRoute(id) != null) {
                getCamelContext().getRouteController().stopRoute(id);
                getCamelContext().removeRoute(id);
            }
        }
    }

    private static List<String> declared(String content) throws IOException {
        return content == null ? List.of() : FeedFileCheck.feedIds(content);
    }

    /** One ERROR line, and the readiness check says it until a good version is saved. */
    private void refuse(Path file, String why) {
        refused.put(file, why);
        LOG.error("Feed file {} {}", file, why);
    }

    private List<Path> feedFiles() {
        return location.files();
    }

    /** Readiness: DOWN while an edit of a feed file stands refused, naming the file and the reason. */
    private final class FeedFilesCheck extends AbstractHealthCheck {

        FeedFilesCheck() {
            super("cube", "feed-files");
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            if (refused.isEmpty()) {
                builder.up().message("every feed file applied");
                return;
            }
            StringBuilder message = new StringBuilder();
            refused.forEach((file, why) -> message.append(message.length() == 0 ? "" : "; ").append("feed file ").append(file)
                    .append(' ').append(why));
            builder.down().message(message.toString());
        }
    }
}
