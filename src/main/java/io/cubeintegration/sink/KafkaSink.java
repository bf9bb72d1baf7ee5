package io.cubeintegration.sink;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import io.cubeintegration.state.FeedState;
import io.cubeintegration.state.StateCommits;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a Kafka run: asks the brokers, with a Kafka {@code Admin} client made on the first Kafka run (so a deployment
 * without Kafka feeds never connects to a broker), for the feed's topic and dead-letter topic. A topic that does not
 * exist is made now where the brokers would make it at its first record, and waited for until each partition has its
 * leader. A broker that is away, a topic that does not exist and that the brokers will not create, or a topic this
 * client may not write fails the run here, within {@code max.block.ms}, before a single Cube page is fetched. The records themselves go through
 * Camel's Kafka producer, which {@code lazy-start-producer} makes at the first record. When the feed's last run
 * stopped with a page on its way (killed between sending it and recording it), the topic is read back first, so the
 * records of that page that arrived are not sent twice.
 */
public final class KafkaSink extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
    private static final long LEADER_POLL_MILLIS = 50;

    private final CamelContext context;
    private final KafkaSinkHealthCheck health;
    private final StateCommits states;
    private final KafkaReadBack readBack;
    private Admin admin;

    public KafkaSink(CamelContext context, KafkaSinkHealthCheck health, StateCommits states) {
        this.context = context;
        this.health = health;
        this.states = states;
        this.readBack = new KafkaReadBack(context);
    }

    public void open(@ExchangeProperty(RunOutput.PROPERTY) RunOutput run) throws Exception {
        for (String topic : new String[] {run.getTopic(), run.getDeadLetterTopic()}) {
            try {
                check(topic);
            } catch (Exception e) {
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                String problem = "Kafka (" + settings().getBrokers() + ") cannot take records for topic " + topic + ": "
                        + KafkaProblem.describe(cause);
                health.unreachable(problem);
                throw new IllegalStateException("feed " + run.getFeedId() + ": " + problem, cause);
            }
        }
        health.reachable();
        LOG.debug("feed {}: topics {} and {} are writable", run.getFeedId(), run.getTopic(), run.getDeadLetterTopic());
        FeedState.PendingPage pending = run.deliveries().pending();
        if (pending != null) {
            // the last run stopped between sending a page and recording it: what of it is in the topic went out
            states.settlePending(run.deliveries(), readBack.publishedSince(run.getTopic(), pending.since()), "topic " + run.getTopic());
        }
    }

    /**
     * Fails unless the topic exists, or is made now where the brokers would make it at its first record, with every
     * partition led, and this client may write it.
     */
    private void check(String topic) throws Exception {
        int timeout = settings().getMaxBlockMs();
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        TopicDescription description = describe(topic, timeout);
        if (description == null) {
            if (!brokersCreateTopics(timeout)) {
                throw new UnknownTopicOrPartitionException("the topic does not exist and the brokers do not create topics"
                        + " (auto.create.topics.enable=false): create it first");
            }
            create(topic, timeout);
        }
        // a first batch sent to a partition still being made can be retried into an endless out-of-order sequence
        while (description == null || description.partitions().stream().anyMatch(partition -> partition.leader() == null
                || partition.leader().isEmpty())) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("the topic has no leader for each of its partitions after " + timeout + " ms");
            }
            Thread.sleep(LEADER_POLL_MILLIS);
            description = describe(topic, timeout);
        }
        // brokers without an authorizer tell no operations: nothing to check
        Set<AclOperation> allowed = description.authorizedOperations();
        if (allowed != null && !allowed.isEmpty() && !allowed.contains(AclOperation.WRITE) && !allowed.contains(AclOperation.ALL)) {
            throw new TopicAuthorizationException(Set.of(topic));
        }
    }

    /** The topic as the brokers describe it, or null where they know no such topic. */
    private TopicDescription describe(String topic, int timeout) throws Exception {
        try {
            return admin().describeTopics(List.of(topic), new DescribeTopicsOptions().includeAuthorizedOperations(true)
                    .timeoutMs(timeout)).allTopicNames().get().get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    /** Makes the topic as the brokers would at its first record: their partitions and replicas. */
    private void create(String topic, int timeout) throws Exception {
        try {
            admin().createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())),
                    new CreateTopicsOptions().timeoutMs(timeout)).all().get();
            LOG.info("topic {} made, as the brokers make topics (their partitions and replicas)", topic);
        } catch (ExecutionException e) {
            // another instance made it meanwhile
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Whether the brokers create a topic on its first record; true where they do not say (the producer then finds out). */
    private boolean brokersCreateTopics(int timeout) {
        try {
            Node node = admin().describeCluster(new DescribeClusterOptions().timeoutMs(timeout)).nodes().get().iterator().next();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
            Map<ConfigResource, Config> configs = admin().describeConfigs(List.of(broker),
                    new DescribeConfigsOptions().timeoutMs(timeout)).all().get();
            return configs.get(broker).get("auto.create.topics.enable") == null
                    || Boolean.parseBoolean(configs.get(broker).get("auto.create.topics.enable").value());
        } catch (Exception e) {
            LOG.debug("cannot read the brokers' auto.create.topics.enable: {}", e.toString());
            return true;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            // the sink's own connection settings (brokers, TLS, SASL), those an admin client knows
            Properties properties = new Properties();
            settings().createProducerProperties().forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(String.valueOf(key))) {
                    properties.put(key, value);
                }
            });
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings().getBrokers());
            // a run waits max.block.ms for brokers that do not answer, however the admin client would retry
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, settings().getMaxBlockMs());
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, settings().getMaxBlockMs());
            admin = Admin.create(properties);
        }
        return admin;
    }

    private KafkaConfiguration settings() {
        return context.getComponent("kafka", KafkaComponent.class).getConfiguration();
    }

    @Override
    protected synchronized void doStop() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
