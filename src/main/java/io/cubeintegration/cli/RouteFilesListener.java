package io.cubeintegration.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cubeintegration.broker.EmbeddedKafkaBroker;
import io.cubeintegration.cluster.ClusterConfiguration;
import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.cube.CubeClient;
import io.cubeintegration.cube.CubeClientConfiguration;
import io.cubeintegration.cube.CubeResponse;
import io.cubeintegration.cube.LogSafe;
import io.cubeintegration.cube.SecretMask;
import io.cubeintegration.enrich.EnrichmentConfiguration;
import io.cubeintegration.feed.FeedConfiguration;
import io.cubeintegration.feed.FeedSpec;
import io.cubeintegration.feed.FeedPlanner;
import io.cubeintegration.feed.FeedSpecs;
import io.cubeintegration.feed.FeedFileCheck;
import io.cubeintegration.feed.FeedPlan;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedKamelets;
import io.cubeintegration.feed.FeedTrigger;
import io.cubeintegration.feed.FeedWindow;
import io.cubeintegration.observe.FeedHealth;
import io.cubeintegration.observe.ObserveConfiguration;
import io.cubeintegration.simulator.CubeSimulator;
import io.cubeintegration.simulator.SimulatorSettings;
import io.cubeintegration.sink.SinkConfiguration;
import io.cubeintegration.state.FeedLease;
import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.FeedStateStore;
import io.cubeintegration.state.FeedStates;
import io.cubeintegration.state.StateConfiguration;
import io.cubeintegration.state.StateDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
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
