package io.cubeintegration.feed;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.state.FileFeedStateStore;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/** A Camel context as start-up makes one for the feed kinds: the shipped settings and ids, the kamelets, a state folder. */
public final class FeedKameletsContext {

    private FeedKameletsContext() {
    }

    /** Starts it, its feed state in {@code folder}/data. */
    public static DefaultCamelContext start(Path folder) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setLocation("classpath:application.properties");
        Properties ids = new Properties();
        ids.put("cube.campaign-id", "926");
        ids.put("cube.assignment-id", "240");
        camel.getPropertiesComponent().setOverrideProperties(ids);
        camel.getRegistry().bind("feedStateStore", new FileFeedStateStore(folder.resolve("data"), new ObjectMapper()));
        camel.getRegistry().bind("feedSpecs", new FeedSpecs());
        // never asked: these feeds name one campaign each
        camel.getRegistry().bind("campaignDirectory", new io.cubeintegration.cube.CampaignDirectory(null, "campaigns"));
        camel.start();
        // the kamelet files as Camel loads them in the application
        for (String kamelet : List.of("cube-window-feed", "cube-snapshot-feed")) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel,
                    "classpath:kamelets/" + kamelet + ".kamelet.yaml"));
        }
        return camel;
    }
}
