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

/**
 * What start-up, {@code --validate} and reload refuse before Camel sees a setting or a feed file: the settings'
 * problems, or the feed files'.
 */
final class StartupCheck {

    private StartupCheck() {
    }

    /** What start-up and {@code --validate} refuse, and why: one line per problem. */
    record Refusal(String what, List<String> problems) {
    }

    /**
     * The one check of start-up and {@code --validate}, before Camel sees a setting or a feed file: the settings'
     * problems, or when the settings are sound, the feed files' (the settings fill in the feeds' placeholders).
     * Null when there is nothing to refuse.
     */
    static Refusal refusal(Settings settings) {
        List<String> settingsProblems = SettingsCheck.check(settings);
        if (!settingsProblems.isEmpty()) {
            return new Refusal("settings", settingsProblems);
        }
        List<String> feedProblems = feedFiles(settings).problems();
        return feedProblems.isEmpty() ? null : new Refusal("feed files", feedProblems);
    }

    /** What the check finds in the feed files CUBE_ROUTES names, read before Camel loads them. */
    static FeedFileCheck.Findings feedFiles(Settings settings) {
        String routes = settings.value("cube.routes").orElseThrow();
        List<Path> files = FeedFileLocation.of(routes).files();
        if (files.isEmpty()) {
            return new FeedFileCheck.Findings(List.of("no feed files at " + routes + " (CUBE_ROUTES)"), List.of());
        }
        return FeedFileCheck.of(settings.properties()).examine(files);
    }
}
