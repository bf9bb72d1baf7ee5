package io.cubeintegration.cli;

import io.cubeintegration.feed.FeedKamelets;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the kamelets and the shared routes from the jar and the feeds from CUBE_ROUTES, a folder or a glob. */
final class RouteFilesListener extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFilesListener.class);

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        String routes = main.getCamelContext().getPropertiesComponent().resolveProperty("cube.routes").orElseThrow();
        main.configure().withRoutesIncludePattern(FeedKamelets.ROUTES + "," + FeedFileLocation.of(routes).camelPattern());
        boolean reload = main.getCamelContext().getPropertiesComponent().resolveProperty("cube.routes-reload")
                .orElseThrow().trim().equalsIgnoreCase("true");
        if (reload) {
            LOG.info("Feed files at {} are reloaded when they change (cube.routes-reload)", routes);
            try {
                main.getCamelContext().addService(new FeedFilesReload(routes));
            } catch (Exception e) {
                throw new IllegalStateException("cannot watch the feed files at " + routes + ": " + e.getMessage(), e);
            }
        }
    }
}
