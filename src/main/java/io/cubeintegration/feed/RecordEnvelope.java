package io.cubeintegration.feed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.CubePage;
import io.cubeintegration.enrich.CustomerEnricher;
import io.cubeintegration.enrich.RunEnrichment;
import io.cubeintegration.sink.OutgoingRecord;
import io.cubeintegration.state.RunDeliveries;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * What travels with each record besides its JSON: the headers Kafka consumers read (feed, endpoint, fetch time, a
 * deterministic record id) and the record's key. A record that cannot be addressed is rejected to the dead letters.
 */
public final class RecordEnvelope {

    /** Exchange property holding the page whose records are being split. */
    public static final String PAGE_PROPERTY = "CubePage";

    private final ObjectMapper mapper;

    public RecordEnvelope(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Addresses a record and says whether it goes to the sink: a version delivered before (same id, same content)
     * is left out as a duplicate.
     */
    public void address(@Body ObjectNode record, @ExchangeProperty(FeedRun.PROPERTY) FeedRun run,
                        @ExchangeProperty(RunDeliveries.PROPERTY) RunDeliveries deliveries,
                        @ExchangeProperty(RunEnrichment.PROPERTY) RunEnrichment enrichment,
                        @ExchangeProperty(PAGE_PROPERTY) CubePage page, Exchange exchange) {
        Message message = exchange.getMessage();
        FeedDefinition feed = run.getFeed();
        String contentHash = hash(content(record, feed));
        String recordId = feed.idFieldNames().isEmpty() ? contentHash : hash(identity(record, feed));
        message.setHeader(OutgoingRecord.FEED_HEADER, feed.getId());
        message.setHeader(OutgoingRecord.ENDPOINT_HEADER, run.path());
        if (run.partition() != null) {
            message.setHeader(run.partition().kind().header(), run.partition().key());
        }
        message.setHeader(OutgoingRecord.FETCHED_AT_HEADER, page.fetchedAt().toString());
        message.setHeader(OutgoingRecord.RECORD_ID_HEADER, recordId);
        // the enrichment's mark goes with the record whether or not the record goes out
        String rejection = enrichment == null ? null : enrichment.takeRejection(record);
        if (!deliveries.firstDelivery(recordId, contentHash)) {
            exchange.setProperty(OutgoingRecord.LEFT_OUT_PROPERTY, "duplicate");
            return;
        }
        if (rejection != null) {
            throw new RecordRejectedException(rejection);
        }
        if (!feed.getKeyField().isEmpty()) {
            message.setHeader(KafkaConstants.KEY, key(record, feed.getKeyField()));
        }
    }

    /** The record as Cube sent it, without our enrichment: what its version is judged by. */
    private ObjectNode content(ObjectNode record, FeedDefinition feed) {
        if (feed.isEnrich() && record.has(CustomerEnricher.CUSTOMER_FIELD)) {
            // a shallow copy without the customer: the record's own fields, shared, not copied
            ObjectNode content = mapper.createObjectNode();
            record.fields().forEachRemaining(field -> {
                if (!field.getKey().equals(CustomerEnricher.CUSTOMER_FIELD)) {
                    content.set(field.getKey(), field.getValue());
                }
            });
            return content;
        }
        return record;
    }

    /** The values of the feed's id fields, in order. */
    private ArrayNode identity(ObjectNode record, FeedDefinition feed) {
        ArrayNode values = mapper.createArrayNode();
        for (String field : feed.idFieldNames()) {
            JsonNode value = record.get(field);
            if (value == null || value.isNull()) {
                throw new RecordRejectedException("record has no " + field + " for its id (idFields " + feed.getIdFields() + ")");
            }
            values.add(value);
        }
        return values;
    }

    /**
     * The first 128 bits (hex) of the SHA-256 of the JSON: the record id is the hash of the id fields, or of the whole
     * record as Cube sent it where the feed names none (responses carry no id of their own).
     */
    private String hash(JsonNode json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(json));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot compute a record id", e);
        }
    }

    private static String key(ObjectNode record, String field) {
        JsonNode value = record.get(field);
        String text = value == null || value.isNull() ? "" : value.asText();
        if (text.isEmpty()) {
            throw new RecordRejectedException("record has no " + field + " to key it by");
        }
        return text;
    }
}
