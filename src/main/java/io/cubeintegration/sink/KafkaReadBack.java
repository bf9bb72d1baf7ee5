package io.cubeintegration.sink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import io.cubeintegration.state.VersionTable;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic back from a moment on, for the record ids it holds: how a run learns which records of the page its
 * predecessor was publishing when it stopped reached the topic, so they are not published twice. A plain consumer
 * with the sink's own connection settings (brokers, TLS, SASL), no consumer group, nothing committed.
 */
final class KafkaReadBack {

    /** Records carry their producer's clock; another broker's or instance's clock may be this far off. */
    static final Duration CLOCK_MARGIN = Duration.ofSeconds(60);
    private static final Duration READ_AT_MOST = Duration.ofSeconds(30);

    private final CamelContext context;

    KafkaReadBack(CamelContext context) {
        this.context = context;
    }

    /** The keys ({@link VersionTable#key}) of the record ids in the topic's records from {@code sinceMillis} on. */
    Set<Long> publishedSince(String topic, long sinceMillis) {
        KafkaConfiguration settings = context.getComponent("kafka", KafkaComponent.class).getConfiguration();
        Properties properties = settings.createConsumerProperties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.getBrokers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        Set<Long> published = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_AT_MOST).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> from = new HashMap<>();
            partitions.forEach(partition -> from.put(partition, sinceMillis - CLOCK_MARGIN.toMillis()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(from, READ_AT_MOST);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_AT_MOST);
            Map<TopicPartition, Long> toRead = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                if (start != null && start.offset() < ends.get(partition)) {
                    consumer.seek(partition, start.offset());
                    toRead.put(partition, ends.get(partition));
                }
            }
            consumer.pause(partitions.stream().filter(partition -> !toRead.containsKey(partition)).toList());
            long deadline = System.nanoTime() + READ_AT_MOST.toNanos();
            while (toRead.keySet().stream().anyMatch(partition -> consumer.position(partition) < toRead.get(partition))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("could not read topic " + topic + " back within " + READ_AT_MOST.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader(OutgoingRecord.RECORD_ID_HEADER);
                    if (id != null) {
                        published.add(VersionTable.key(new String(id.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return published;
    }
}
