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

    /** Camel's Kafka component makes its clients with this factory (camel.component.kafka.kafka-client-factory). */
    @BindToRegistry("kafkaProducerTracker")
    public KafkaProducerTracker kafkaProducerTracker() {
        return new KafkaProducerTracker();
    }

    @BindToRegistry(value = "kafkaSink", lazy = true)
    public KafkaSink kafkaSink(CamelContext context, KafkaProducerTracker kafkaProducerTracker,
                               KafkaSinkHealthCheck kafkaSinkHealth, FeedStates feedStates) {
        return new KafkaSink(context, kafkaProducerTracker, kafkaSinkHealth, feedStates);
    }

    /** A bean of the registry, where Camel's health-check registry finds it (camel.health.registry-enabled). */
    @BindToRegistry("kafkaSinkHealth")
    public KafkaSinkHealthCheck kafkaSinkHealth(CamelContext context) {
        KafkaSinkHealthCheck check = new KafkaSinkHealthCheck();
        check.setCamelContext(context);
        return check;
    }
}
