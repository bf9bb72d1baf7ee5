package io.cubeintegration.sink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.cubeintegration.broker.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** One real Kafka broker for every test of this JVM (each test uses its own topics), and a plain consumer to read them. */
public final class KafkaTestBroker {

    private static EmbeddedKafkaBroker broker;

    private KafkaTestBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.start(3);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        }
        return broker.bootstrapServers();
    }

    /**
     * Reads a topic from its beginning with a real {@link KafkaConsumer} until it has seen {@code expected} records
     * and the topic stays quiet a moment longer, so a test also sees records that should not be there.
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        return readAll(bootstrapServers(), topic, expected);
    }

    /** As {@link #readAll(String, int)}: the records' values, as the lines a sink delivered (UTF-8). */
    public static List<String> readValues(String topic, int expected) {
        return readValues(bootstrapServers(), topic, expected);
    }

    /** As {@link #readValues(String, int)}, from another broker. */
    public static List<String> readValues(String brokers, String topic, int expected) {
        return readAll(brokers, topic, expected).stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
    }

    /** As {@link #readAll(String, int)}, from another broker. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String brokers, String topic, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            Instant quietUntil = null;
            while (Instant.now().isBefore(deadline)) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= expected && records.size() == before) {
                    quietUntil = quietUntil == null ? Instant.now().plusMillis(500) : quietUntil;
                    if (Instant.now().isAfter(quietUntil)) {
                        break;
                    }
                } else {
                    quietUntil = null;
                }
            }
        }
        return records;
    }
}
