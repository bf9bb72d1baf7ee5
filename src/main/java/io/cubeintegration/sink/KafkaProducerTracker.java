package io.cubeintegration.sink;

import java.util.Properties;

import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.producer.Producer;

/**
 * Camel's Kafka client factory, remembering the producer it made for the sink so the sink can ask it about a topic
 * before a run: one bounded metadata wait instead of one per record when the broker is away.
 */
public final class KafkaProducerTracker extends DefaultKafkaClientFactory {

    private volatile Producer<?, ?> producer;

    @Override
    public Producer getProducer(Properties kafkaProps) {
        Producer<?, ?> created = super.getProducer(kafkaProps);
        producer = created;
        return created;
    }

    /** The producer the sink's publish route uses, or null before that route started. */
    public Producer<?, ?> producer() {
        return producer;
    }
}
