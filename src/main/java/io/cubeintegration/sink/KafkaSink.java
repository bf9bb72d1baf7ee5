package io.cubeintegration.sink;

import io.cubeintegration.feed.FeedDefinition;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.FeedStates;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangeProperty;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a Kafka run: starts the publish route (so a deployment without Kafka feeds never connects to a broker) and
 * asks the broker for the feed's topic and dead-letter topic. A broker that is away, a topic that does not exist
 * and may not be created, or a topic we may not write fails the run here, within {@code max.block.ms}, before a
 * single Cube page is fetched. When the feed's last run stopped with a page on its way (killed between sending it
 * and recording it), the topic is read back first, so the records of that page that arrived are not sent twice.
 */
public final class KafkaSink {

    /** The route that owns the one Kafka producer all feeds share. */
    static final String PUBLISH_ROUTE = "cube-kafka-publish";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    private final CamelContext context;
    private final KafkaProducerTracker producers;
    private final KafkaSinkHealthCheck health;
    private final FeedStates states;
    private final KafkaReadBack readBack;

    public KafkaSink(CamelContext context, KafkaProducerTracker producers, KafkaSinkHealthCheck health, FeedStates states) {
        this.context = context;
        this.producers = producers;
        this.health = health;
        this.states = states;
        this.readBack = new KafkaReadBack(context);
    }

    public void open(@ExchangeProperty(FeedDefinition.RUN_PROPERTY) FeedRun run) throws Exception {
        Producer<?, ?> producer = producer();
        FeedDefinition feed = run.getFeed();
        for (String topic : new String[] {feed.getTopic(), feed.getDeadLetterTopic()}) {
            try {
                producer.partitionsFor(topic);
            } catch (KafkaException e) {
                String problem = "Kafka (" + brokers() + ") cannot take records for topic " + topic + ": " + KafkaProblem.describe(e);
                health.unreachable(problem);
                throw new IllegalStateException("feed " + feed.getId() + ": " + problem, e);
            }
        }
        health.reachable();
        LOG.debug("feed {}: topics {} and {} are writable", feed.getId(), feed.getTopic(), feed.getDeadLetterTopic());
        FeedState.PendingPage pending = run.state().pending();
        if (pending != null) {
            // the last run stopped between sending a page and recording it: what of it is in the topic went out
            states.settlePending(run, readBack.publishedSince(feed.getTopic(), pending.since()));
        }
    }

    private synchronized Producer<?, ?> producer() throws Exception {
        if (!context.getRouteController().getRouteStatus(PUBLISH_ROUTE).isStarted()) {
            context.getRouteController().startRoute(PUBLISH_ROUTE);
        }
        Producer<?, ?> producer = producers.producer();
        if (producer == null) {
            throw new IllegalStateException("the Kafka producer did not start; is camel.component.kafka.kafka-client-factory set?");
        }
        return producer;
    }

    private String brokers() {
        return context.getPropertiesComponent().resolveProperty("kafka.brokers").orElse("no brokers set");
    }
}
