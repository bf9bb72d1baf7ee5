package io.cubeintegration.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The shared beans the feed routes call. */
public class FeedConfiguration implements CamelConfiguration {

    @BindToRegistry("feedRunLog")
    public FeedRunLog feedRunLog() {
        return new FeedRunLog();
    }

    @BindToRegistry(value = "recordEnvelope", lazy = true)
    public RecordEnvelope recordEnvelope(ObjectMapper cubeObjectMapper) {
        return new RecordEnvelope(cubeObjectMapper);
    }
}
