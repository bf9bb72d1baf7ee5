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

/** Start-up's one cheap request: a bad token is one clear error rather than one per feed. */
final class CredentialsCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialsCheck.class);

    private CredentialsCheck() {
    }

    /** One cheap request before any feed runs, so a bad token is one clear error rather than one per feed. */
    static String refused(CamelContext context) {
        CubeClient client = context.getRegistry().lookupByNameAndType("cubeClient", CubeClient.class);
        String campaignsPath = context.getPropertiesComponent().resolveProperty("cube.campaigns-path").orElseThrow();
        CubeResponse response;
        try {
            response = client.get(client.connection().resolve(campaignsPath, null));
        } catch (RuntimeException e) {
            LOG.warn("Could not check the Cube credentials: {}", LogSafe.failure(e));
            return null;
        }
        if (response.status() == 401 || response.status() == 403) {
            return "Cube refused the credentials (" + client.connection().authDescription() + "): HTTP "
                    + response.status() + " " + response.bodyExcerpt() + " for GET " + response.url()
                    + ". Check CUBE_TOKEN, or CUBE_USERNAME and CUBE_PASSWORD.";
        }
        if (response.isSuccess()) {
            try {
                // the list says which assignment each campaign belongs to: enrichment need not ask again
                context.getRegistry().lookupByNameAndType("campaignDirectory", CampaignDirectory.class).learn(response);
            } catch (RuntimeException e) {
                LOG.debug("The campaigns list of the credentials check is not one: {}", LogSafe.failure(e));
            }
        }
        return null;
    }
}
