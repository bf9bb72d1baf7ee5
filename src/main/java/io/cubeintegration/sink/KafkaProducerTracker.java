package io.cubeintegration.sink;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Properties;

import org.apache.camel.component.kafka.DefaultKafkaClientFactory;
import org.apache.kafka.clients.producer.Producer;

/**
 * Camel's Kafka client factory, remembering the producer it made for the sink so the sink can ask it about a topic
 * before a run: one bounded metadata wait instead of one per record when the broker is away.
 * <p>
 * The Kafka client is made on its first use, not when Camel starts the publish route: Camel warms up every route at
 * start-up, the ones that do not start on their own included, and a deployment without Kafka feeds must never
 * connect to a broker.
 */
public final class KafkaProducerTracker extends DefaultKafkaClientFactory {

    private volatile Producer<?, ?> producer;

    @Override
    public Producer getProducer(Properties kafkaProps) {
        Producer<?, ?> created = firstUse(kafkaProps);
        producer = created;
        return created;
    }

    /** The producer the sink's publish route uses, or null before that route started. */
    public Producer<?, ?> producer() {
        return producer;
    }

    private Producer<?, ?> firstUse(Properties kafkaProps) {
        Object[] client = new Object[1];
        return (Producer<?, ?>) Proxy.newProxyInstance(Producer.class.getClassLoader(), new Class<?>[] {Producer.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "toString":
                            return "Kafka producer" + (client[0] == null ? " (not connected yet)" : "");
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            break;
                    }
                    Producer<?, ?> real;
                    synchronized (client) {
                        if (client[0] == null) {
                            if (method.getName().equals("close")) {
                                return null;
                            }
                            client[0] = super.getProducer(kafkaProps);
                        }
                        real = (Producer<?, ?>) client[0];
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
