package io.cubeintegration.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.state.StateCommits;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;

/** The beans the sink routes call. */
public class SinkConfiguration implements CamelConfiguration {

    @BindToRegistry(value = "runFileOutput", lazy = true)
    public RunFileOutput runFileOutput(StateCommits stateCommits) {
        return new RunFileOutput(stateCommits);
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
    public KafkaSink kafkaSink(CamelContext context, KafkaSinkHealthCheck kafkaSinkHealth, StateCommits stateCommits)
            throws Exception {
        KafkaSink sink = new KafkaSink(context, kafkaSinkHealth, stateCommits);
        // stopped with Camel, which closes its admin client
        context.addService(sink, true);
        return sink;
    }

    /** A bean of the registry, where Camel's health-check registry finds it (camel.health.registry-enabled). */
    /** Pages a Kafka run publishes ahead of their acknowledgements (cube.kafka-pages-ahead). */
    @BindToRegistry(value = "kafkaPagesAhead", lazy = true)
    public KafkaPagesAhead kafkaPagesAhead(CamelContext context, StateCommits stateCommits,
                                           @PropertyInject("cube.kafka-pages-ahead") int pagesAhead,
                                           @PropertyInject("camel.component.kafka.delivery-timeout-ms") long deliveryTimeout) throws Exception {
        return new KafkaPagesAhead(context, stateCommits, pagesAhead, java.time.Duration.ofMillis(deliveryTimeout));
    }

    @BindToRegistry("kafkaSinkHealth")
    public KafkaSinkHealthCheck kafkaSinkHealth(CamelContext context) {
        KafkaSinkHealthCheck check = new KafkaSinkHealthCheck();
        check.setCamelContext(context);
        return check;
    }
}
