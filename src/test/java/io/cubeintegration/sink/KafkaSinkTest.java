package io.cubeintegration.sink;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.feed.OutputFolder;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedPlan;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.feed.FeedYaml;
import io.cubeintegration.simulator.SimulatorSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka sink against a real broker, read back with a real consumer. */
class KafkaSinkTest extends CubeFeedTestSupport {

    /** Each test gets topics of its own on the shared broker. */
    private final String prefix = "t" + System.nanoTime() + ".";

    @Override
    protected SimulatorSettings simulatorSettings() {
        // eight pages of responses naming few customers: keys repeat within and across pages
        return SimulatorSettings.builder().pageSize("responses", 20).responsesPerDay(150).customersPerAssignment(40)
                .missingCustomerEvery(10).build();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("kafka.brokers", KafkaTestBroker.bootstrapServers(), "cube.topic-prefix", prefix);
    }

    @Override
    protected void writeRouteFiles() {
        String responses = "campaigns/" + simulator.account().defaultCampaignId() + "/responses/";
        writeRouteFile("feeds.yaml", feed("kafka-responses", responses, "kafka", "true", "crm_customer_id",
                "campaign_id,crm_customer_id,submitted_when,type,subtype")
                + feed("file-responses", responses, "file", "true", "crm_customer_id", "")
                + feed("keyed-by-external", responses, "kafka", "false", "external_customer_id", "")
                + feed("file-keyed-by-external", responses, "file", "false", "external_customer_id", ""));
    }

    private static String feed(String id, String path, String sink, String enrich, String keyField, String idFields) {
        return FeedYaml.feed("cube-window-feed", id, path, "sink", sink, "enrich", enrich, "keyField", keyField,
                "idFields", idFields);
    }

    // Every record of a multi-page enriched run is in the topic exactly once, its value the very line the file sink
    // writes, keyed by crm_customer_id, with the documented headers, and in Cube's order per key.
    @Test
    void everyRecordOnceWithKeyHeadersAndOrderPerKey() {
        Instant start = Instant.now();
        FeedRun published = run("kafka-responses");
        FeedRun written = run("file-responses");
        Instant end = Instant.now();

        assertTrue(published.isSucceeded(), String.valueOf(published.failure()));
        assertTrue(written.isSucceeded(), String.valueOf(written.failure()));
        List<String> fileLines = output.onlyFileLines("file-responses");
        assertEquals(Delivered.lines(Delivered.enriched(simulator, Delivered.responsesOfToday(simulator), simulator.account().defaultAssignmentId())),
                fileLines);
        assertTrue(published.pages() > 5, "several pages");

        List<ConsumerRecord<String, byte[]>> records = KafkaTestBroker.readAll(prefix + "kafka-responses", fileLines.size());
        List<String> values = records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertEquals(fileLines.stream().sorted().toList(), values.stream().sorted().toList(), "each record exactly once");
        assertEquals(fileLines.size(), published.records());

        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode value = Delivered.record(new String(record.value(), StandardCharsets.UTF_8));
            assertEquals(value.get("crm_customer_id").asText(), record.key());
            assertEquals("kafka-responses", header(record, "cube.feed"));
            assertEquals("campaigns/" + simulator.account().defaultCampaignId() + "/responses/", header(record, "cube.endpoint"));
            Instant fetchedAt = Instant.parse(header(record, "cube.fetched-at"));
            assertFalse(fetchedAt.isBefore(start) || fetchedAt.isAfter(end), fetchedAt.toString());
            assertTrue(header(record, "cube.record-id").matches("[0-9a-f]{32}"));
            assertTrue(ids.add(header(record, "cube.record-id")), "record ids are distinct");
        }
        for (String key : new HashSet<>(records.stream().map(ConsumerRecord::key).toList())) {
            List<String> expectedOrder = fileLines.stream().filter(line -> Delivered.record(line).get("crm_customer_id").asText().equals(key)).toList();
            List<String> topicOrder = records.stream().filter(r -> r.key().equals(key))
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
            assertEquals(expectedOrder, topicOrder, "order of key " + key);
        }
    }

    // A rerun publishes no record twice: today's records were delivered by the first run and are left out (its
    // look-back stops at the feed's first day, today); every record is in the topic once, with one id.
    @Test
    void rerunsPublishEachRecordOnce() {
        FeedPlan first = trigger("kafka-responses");
        FeedPlan second = trigger("kafka-responses");

        assertTrue(first.succeeded() && second.succeeded());
        assertEquals(150, first.runs().get(0).records());
        assertEquals(1, second.runs().size(), "today: the look-back never reaches before the feed's first day");
        assertEquals(0, second.runs().get(0).records());
        // nothing new: the second run asks only for the page of the last known record, and finds it unchanged
        assertEquals("tail", second.runs().get(0).readMode());
        assertEquals(1, second.runs().get(0).requests());
        List<ConsumerRecord<String, byte[]>> records = KafkaTestBroker.readAll(prefix + "kafka-responses", 150);
        Map<String, Set<String>> idsByValue = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            idsByValue.computeIfAbsent(new String(record.value(), StandardCharsets.UTF_8), v -> new HashSet<>())
                    .add(header(record, "cube.record-id"));
        }
        assertEquals(150, records.size());
        assertEquals(150, idsByValue.size(), "no value twice");
        idsByValue.forEach((value, ids) -> assertEquals(1, ids.size(), "one id for " + value));
    }

    // Records that cannot be processed (no key) go to <topic>.dlq with their error; the others are published.
    @Test
    void recordsThatFailProcessingGoToTheDeadLetterTopic() {
        List<ObjectNode> responses = Delivered.responsesOfToday(simulator);
        List<String> keyed = new ArrayList<>();
        List<String> keyless = new ArrayList<>();
        for (ObjectNode response : responses) {
            (response.get("external_customer_id").isNull() ? keyless : keyed).add(Delivered.line(response));
        }
        assertFalse(keyless.isEmpty(), "some responses have no external id");

        FeedRun run = run("keyed-by-external");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertEquals(keyless.size(), run.deadLetters());
        assertEquals(keyed.size(), run.records());
        List<String> published = KafkaTestBroker.readValues(prefix + "keyed-by-external", keyed.size());
        assertEquals(keyed.stream().sorted().toList(), published.stream().sorted().toList());
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestBroker.readAll(prefix + "keyed-by-external.dlq", keyless.size());
        assertEquals(keyless.stream().sorted().toList(), dead.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).sorted().toList());
        for (ConsumerRecord<String, byte[]> record : dead) {
            assertEquals("record has no external_customer_id to key it by", header(record, "cube.error"));
            assertEquals("keyed-by-external", header(record, "cube.feed"));
            assertNull(record.key());
        }
    }

    // A file feed's dead letters go to a file beside its output, one JSON line each with the error and the record.
    @Test
    void fileFeedDeadLettersGoBesideItsOutput() {
        List<ObjectNode> responses = Delivered.responsesOfToday(simulator);

        FeedRun run = run("file-keyed-by-external");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        List<String> written = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        for (ObjectNode response : responses) {
            (response.get("external_customer_id").isNull() ? dead : written).add(Delivered.line(response));
        }
        List<java.nio.file.Path> files = output.files("file-keyed-by-external");
        assertEquals(2, files.size(), files.toString());
        java.nio.file.Path deadLetterFile = files.stream().filter(f -> f.toString().endsWith(".dead-letters.jsonl")).findFirst().orElseThrow();
        java.nio.file.Path outputFile = files.stream().filter(f -> !f.equals(deadLetterFile)).findFirst().orElseThrow();
        assertEquals(deadLetterFile.getFileName().toString(), outputFile.getFileName().toString().replace(".jsonl", ".dead-letters.jsonl"));
        assertEquals(written, OutputFolder.readLines(outputFile));
        List<String> deadLines = OutputFolder.readLines(deadLetterFile);
        assertEquals(dead.size(), deadLines.size());
        for (int i = 0; i < dead.size(); i++) {
            JsonNode line = Delivered.record(deadLines.get(i));
            assertEquals("record has no external_customer_id to key it by", line.get("error").asText());
            assertEquals(dead.get(i), Delivered.line(line.get("record")));
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
