package io.cubeintegration.sink;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.cubeintegration.broker.EmbeddedKafkaBroker;
import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedYaml;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka sink's topic check against a broker that, as strict deployments do, creates no topic on its own. */
class KafkaTopicCheckTest extends CubeFeedTestSupport {

    private static final String CAMPAIGNS = "campaigns";
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafkaBroker.start(1, false);
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("present", 1, (short) 1), new NewTopic("present.dlq", 1, (short) 1)))
                    .all().get();
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("kafka.brokers", broker.bootstrapServers(), "camel.component.kafka.max-block-ms", "3000");
    }

    @Override
    protected void writeRouteFiles() {
        writeRouteFile("feeds.yaml", FeedYaml.feed("cube-snapshot-feed", "to-present", CAMPAIGNS, "sink", "kafka:present")
                + FeedYaml.feed("cube-snapshot-feed", "to-absent", CAMPAIGNS, "sink", "kafka:absent"));
    }

    // A topic that does not exist, on brokers that will not create it, fails the run before Cube is paged, naming the
    // topic and what to do; a topic that exists takes every record.
    @Test
    void aMissingTopicFailsTheRunAndAnExistingOneTakesTheRecords() {
        FeedRun absent = run("to-absent");
        FeedRun present = run("to-present");

        assertFalse(absent.isSucceeded());
        String why = absent.failure().getMessage();
        assertTrue(why.contains("cannot take records for topic absent") && why.contains("the topic does not exist and the"
                + " brokers do not create topics (auto.create.topics.enable=false): create it first"), why);
        assertEquals(0, absent.pages(), "Cube was not paged");
        assertTrue(present.isSucceeded(), String.valueOf(present.failure()));
        List<String> published = KafkaTestBroker.readValues(broker.bootstrapServers(), "present", (int) present.records());
        assertEquals(Delivered.lines(simulator.account().records(CAMPAIGNS, Map.of())).stream().sorted().toList(),
                published.stream().sorted().toList(), "every campaign once");
    }
}
