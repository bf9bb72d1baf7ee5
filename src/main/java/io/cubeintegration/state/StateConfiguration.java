package io.cubeintegration.state;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** Where feeds keep their watermarks and delivered record versions. */
public class StateConfiguration implements CamelConfiguration {

    @BindToRegistry(value = "feedStateStore", lazy = true)
    public FeedStateStore feedStateStore(@PropertyInject(value = "cube.state-dir", defaultValue = "./data") String stateDir,
                                         ObjectMapper cubeObjectMapper) {
        return new FileFeedStateStore(Path.of(stateDir), cubeObjectMapper);
    }

    @BindToRegistry("feedStates")
    public FeedStates feedStates() {
        return new FeedStates();
    }
}
