package io.cubeintegration.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.state.FeedStates;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The beans the sink routes call. */
public class SinkConfiguration implements CamelConfiguration {

    @BindToRegistry(value = "runFileOutput", lazy = true)
    public RunFileOutput runFileOutput(FeedStates feedStates) {
        return new RunFileOutput(feedStates);
    }

    @BindToRegistry("jsonLines")
    public JsonLines jsonLines() {
        return new JsonLines();
    }

    @BindToRegistry("recordBatch")
    public RecordBatchAggregation recordBatch() {
        return new RecordBatchAggregation();
    }

    @BindToRegistry(value = "deadLetters", lazy = true)
    public DeadLetters deadLetters(ObjectMapper cubeObjectMapper) {
        return new DeadLetters(cubeObjectMapper);
    }

    @BindToRegistry(value = "kafkaSink", lazy = true)
    public KafkaSink kafkaSink(CamelContext context, KafkaSinkHealthCheck kafkaSinkHealth, FeedStates feedStates)
            throws Exception {
        KafkaSink sink = new KafkaSink(context, kafkaSinkHealth, feedStates);
        // stopped with Camel, which closes its admin client
        context.addService(sink, true);
        return sink;
    }

    /** A bean of the registry, where Camel's health-check registry finds it (camel.health.registry-enabled). */
    @BindToRegistry("kafkaSinkHealth")
    public KafkaSinkHealthCheck kafkaSinkHealth(CamelContext context) {
        KafkaSinkHealthCheck check = new KafkaSinkHealthCheck();
        check.setCamelContext(context);
        return check;
    }
}
