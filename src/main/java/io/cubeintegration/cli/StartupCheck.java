package io.cubeintegration.cli;

import java.nio.file.Path;
import java.util.List;

import io.cubeintegration.feed.FeedFileCheck;

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
