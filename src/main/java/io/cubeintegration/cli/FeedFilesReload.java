package io.cubeintegration.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cubeintegration.feed.FeedFileCheck;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies edits of the feed files while the application runs (cube.routes-reload): Camel's file watcher and routes
 * loader, with the feed file rules on top. A changed file is checked first, as {@code --validate} checks it, and
 * refused with one log line if it has a problem, the running feeds going on as before. Otherwise the feeds it
 * declared before stop (a run under way finishes first) and the file is loaded again; a deleted file's feeds stop.
 */
final class FeedFilesReload extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(FeedFilesReload.class);

    private final String routes;
    /** The feeds each file declared when it was last loaded: Camel does not remember a templated route's file. */
    private final Map<Path, List<String>> declared = new ConcurrentHashMap<>();

    /** @param routes the CUBE_ROUTES value: a folder, or a glob of files in one folder */
    FeedFilesReload(String routes) {
        super(watchedFolder(routes).toString(), false);
        this.routes = routes;
        setPattern(Files.isDirectory(Path.of(routes.trim())) ? "*.yaml" : Path.of(routes.trim()).getFileName().toString());
        // never remove every route: the templates and the shared run route come from the jar, not from this folder
        setRemoveAllRoutes(false);
    }

    private static Path watchedFolder(String routes) {
        Path location = Path.of(routes.trim()).toAbsolutePath();
        return Files.isDirectory(location) ? location : location.getParent();
    }

    @Override
    protected void doStart() throws Exception {
        for (Path file : feedFiles()) {
            declared.put(file, FeedFileCheck.feedIds(file));
        }
        super.doStart();
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        for (Resource resource : resources) {
            try {
                reload(resource, Path.of(resource.getURI()).toAbsolutePath().normalize());
            } catch (Exception e) {
                LOG.error("Feed file {} could not be applied: {}", resource.getLocation(), e.getMessage(), e);
            }
        }
    }

    private void reload(Resource resource, Path file) throws Exception {
        if (Files.exists(file)) {
            if (Files.size(file) == 0) {
                // an editor truncates before it writes; a file meant to stop its feeds is deleted
                LOG.info("Feed file {} is empty: ignored until it has content (delete it to stop its feeds)", file);
                return;
            }
            List<String> problems = FeedFileCheck.ofShippedTemplates().check(feedFiles()).stream()
                    .filter(problem -> problem.startsWith(file.toString()))
                    .toList();
            if (!problems.isEmpty()) {
                LOG.error("Feed file {} refused, the running feeds go on unchanged: {}", file, String.join("; ", problems));
                return;
            }
        }
        List<String> before = declared.getOrDefault(file, List.of());
        for (String id : before) {
            if (getCamelContext().getRoute(id) != null) {
                getCamelContext().getRouteController().stopRoute(id);
                getCamelContext().removeRoute(id);
            }
        }
        if (!Files.exists(file)) {
            declared.remove(file);
            LOG.info("Feed file {} removed: its feeds {} stopped", file, before);
            return;
        }
        PluginHelper.getRoutesLoader(getCamelContext()).loadRoutes(resource);
        List<String> now = FeedFileCheck.feedIds(file);
        for (String id : now) {
            if (getCamelContext().getRoute(id) != null && !getCamelContext().getRouteController().getRouteStatus(id).isStarted()) {
                getCamelContext().getRouteController().startRoute(id);
            }
        }
        declared.put(file, now);
        LOG.info("Feed file {} loaded: feeds {} (before: {})", file, now, before);
    }

    private List<Path> feedFiles() {
        return CubeIntegrationLauncher.routeFiles(routes).stream().map(path -> path.toAbsolutePath().normalize()).toList();
    }
}
