package io.cubeintegration.feed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cube.CampaignDirectory;
import io.cubeintegration.state.FileFeedStateStore;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Camel context as start-up makes one for the feed kinds (the shipped settings and ids, the kamelets, a state folder
 * of its own), one for a test class: {@code @RegisterExtension static final FeedKameletsContext kamelets = ...}.
 */
public final class FeedKameletsContext implements BeforeAllCallback, AfterAllCallback {

    private Path folder;
    private DefaultCamelContext camel;

    /** Its own folder, for the feed files a test writes. */
    public Path folder() {
        return folder;
    }

    /** The started context. */
    public DefaultCamelContext camel() {
        return camel;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        folder = Files.createTempDirectory("feed-kamelets");
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setLocation("classpath:application.properties");
        Properties ids = new Properties();
        ids.put("cube.campaign-id", "926");
        ids.put("cube.assignment-id", "240");
        camel.getPropertiesComponent().setOverrideProperties(ids);
        camel.getRegistry().bind("feedStateStore", new FileFeedStateStore(folder.resolve("data"), new ObjectMapper()));
        camel.getRegistry().bind("feedSpecs", new FeedSpecs());
        // never asked: these feeds name one campaign each
        camel.getRegistry().bind("campaignDirectory", new CampaignDirectory(null, "campaigns"));
        camel.start();
        // the kamelet files as Camel loads them in the application
        for (String kamelet : List.of("cube-window-feed", "cube-snapshot-feed")) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel,
                    "classpath:kamelets/" + kamelet + ".kamelet.yaml"));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        camel.stop();
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
